/**
 * The orphan check: at every plan, a warning when SLB holds a CA certificate
 * that carries a CaCertificate's name but is not the one in its state, e.g.
 * uploaded by a deploy whose terraform died before it saved state, or by hand.
 * SLB cannot tell that from another app's certificate of the same name, so the
 * warning says "may be an orphan", how to tell, and what to run in each case;
 * within one app, the same name is a synth error (orphan-check-siblings.ts).
 *
 * Which certificates count (each test is a known value at plan, so a rotation
 * never leaves the result unknown):
 * - the same name as the resource's `ca_certificate_name`. With the uniqueness
 *   suffix (uniqueName, the default) the name carries the fingerprint, so the
 *   old certificate of a rotation (create-before-destroy), current or deposed,
 *   has another name;
 * - without the suffix (uniqueName: false, or a PEM token), also the same SHA-1
 *   fingerprint, which tells a rotation's old certificate apart;
 * - the same resource group as the resource (a move to another group replaces it);
 * - and another ID than the one in state.
 *
 * Cost: one DescribeCACertificates call per plan (and per apply, which plans
 * first) for each provider (region) of a stack: every CaCertificate of the
 * stack shares one data source that lists the region's CA certificates.
 * Internal: not exported from the package.
 */
import { TerraformDataSource, TerraformProvider, TerraformResource, TerraformStack, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { problem, ruleMessage } from "../problems";
import { CheckAssertion, CheckBlock } from "./check-block";
import { findProvider, regionOf } from "./default-provider";

/** The id, below the stack, of the data source the orphan checks of the default provider share. */
export const ORPHAN_SCAN_ID = "CaCertificateOrphanScan";

/** What the check compares a certificate's fingerprint with, when its name has no fingerprint suffix. */
export type FingerprintSource =
  /** The name carries the fingerprint (uniqueness suffix): the name alone decides. */
  | { readonly kind: "in-name" }
  /** The PEM's SHA-1 fingerprint, known at synth: lowercase hex pairs joined by ":". */
  | { readonly kind: "literal"; readonly fingerprint: string }
  /** A data source that reads SLB's fingerprint of the certificate in state (the PEM is a token). */
  | { readonly kind: "lookup"; readonly lookup: DataAlicloudSlbCaCertificates };

/** The data source listing every CA certificate of the provider's region, one per stack and provider. */
function scanOf(scope: Construct, provider: TerraformProvider | undefined): DataAlicloudSlbCaCertificates {
  const stack = TerraformStack.of(scope);
  // A provider without alias is the stack's default: the default scan serves it.
  const aliased = provider !== undefined && provider.alias !== undefined ? provider : undefined;
  const id = aliased ? `${ORPHAN_SCAN_ID}-${aliased.friendlyUniqueId}` : ORPHAN_SCAN_ID;
  const existing = stack.node.tryFindChild(id);
  if (existing instanceof DataAlicloudSlbCaCertificates) return existing;
  return new DataAlicloudSlbCaCertificates(stack, id, { provider: aliased });
}

/** The Terraform address of a resource or data source, as expressions write it. */
function address(element: TerraformResource | TerraformDataSource): string {
  const prefix = element instanceof TerraformDataSource ? "data." : "";
  return `${prefix}${element.terraformResourceType}.${element.friendlyUniqueId}`;
}

/**
 * A resource's address for a command line, quoted in two parts: the shell joins
 * them, and cdktf's deploy output, which appends " (<construct path>)" to every
 * address it finds in a line, leaves this one alone, so the command stays pasteable.
 */
function commandLineAddress(resource: TerraformResource): string {
  return `"${resource.terraformResourceType}"."${resource.friendlyUniqueId}"`;
}

/** Where a check message's commands run, and what they name. */
interface CommandContext {
  /** The construct's path, e.g. "pki/ClientCa". */
  readonly path: string;
  /** The region, when a literal at synth, for the delete command. */
  readonly region?: string;
}

/** The check's one assertion, written when the logical IDs are final. */
function orphanAssertion(
  context: CommandContext,
  resource: TerraformResource,
  scan: DataAlicloudSlbCaCertificates,
  fingerprint: FingerprintSource,
): CheckAssertion {
  const self = address(resource);
  const tests = [`c.name == ${self}.ca_certificate_name`];
  if (fingerprint.kind === "literal") tests.push(`lower(c.fingerprint) == "${fingerprint.fingerprint}"`);
  if (fingerprint.kind === "lookup") tests.push(`lower(c.fingerprint) == try(lower(${address(fingerprint.lookup)}.certificates[0].fingerprint), "")`);
  tests.push(`c.resource_group_id == ${self}.resource_group_id`, `c.id != ${self}.id`);
  // Nested conditionals, not &&: Terraform evaluates both sides of &&, and the ID in state is
  // unknown while the certificate is being replaced; a false name test must settle it.
  const isOrphan = tests.reduceRight((inner, test) => `${test} ? (${inner}) : false`);
  const orphans = `[for c in ${address(scan)}.certificates : c.id if (${isOrphan})]`;
  // Terraform evaluates the message whatever the condition: [0] of an empty list needs its try().
  const first = `\${try(${orphans}[0], "")}`;
  const region = context.region ?? "<region>";
  // The commands name the first ID only: with several, the text says they are for each.
  const several = (plural: string, singular: string) => `\${length(${orphans}) > 1 ? "${plural}" : "${singular}"}`;
  return {
    // The state rm command names Terraform's own working directory (path.cwd, at plan): the stack's
    // folder wherever the app was synthesized to (cdktf.out, or a local deploy's own output folder),
    // and the same JSON from any working directory.
    condition: `\${length(${orphans}) == 0}`,
    // Not "is an orphan": another stack or app with this name, region and resource group
    // (one this app cannot see at synth) holds its own certificate in its own state.
    errorMessage: ruleMessage(
      problem(
        "CACertificate.Orphan",
        `[${context.path}] SLB holds CA certificate${several("s", "")} \${join(", ", ${orphans})} named "\${${self}.ca_certificate_name}" in this region and resource group, ` +
          `and this stack's state holds \${${self}.id}: ${several("they may be orphans; for each ID (the commands show the first): it", "it may be an orphan. It")} ` +
          `is not one if another stack or app manages it: terraform state list -id=${first} in that stack's folder prints its address; ` +
          "then give one of the two CaCertificates another caCertificateName or resourceGroupId. " +
          "It is one if no state holds it (a deploy that died after the upload, or a hand upload, left it): " +
          `delete it (aliyun slb DeleteCACertificate --RegionId ${region} --CACertificateId ${first}), ` +
          `or keep it instead of \${${self}.id}: run terraform -chdir='\${path.cwd}' state rm ${commandLineAddress(resource)}, ` +
          `set importFrom: "${first}" on ${context.path}, deploy, then delete \${${self}.id}. ` +
          "This check reads SLB once per plan; orphanCheck: false turns it off.",
      ),
    ),
  };
}

/**
 * Adds the orphan check of one certificate: a check block `OrphanCheck` under
 * `scope`, reading the stack's shared scan of the provider's region.
 * @param scope the CaCertificate
 * @param resource its `alicloud_slb_ca_certificate`
 * @param provider its explicit provider, if any
 * @param fingerprint what tells its rotations' old certificates apart
 */
export function addOrphanCheck(scope: Construct, resource: TerraformResource, provider: TerraformProvider | undefined, fingerprint: FingerprintSource): void {
  const scan = scanOf(scope, provider);
  new CheckBlock(scope, "OrphanCheck", () => {
    const uploader = findProvider(scope, provider);
    const literalRegion = uploader && regionOf(uploader);
    const context: CommandContext = {
      path: scope.node.path,
      region: literalRegion !== undefined && !Token.isUnresolved(literalRegion) ? literalRegion : undefined,
    };
    return [orphanAssertion(context, resource, scan, fingerprint)];
  });
}
