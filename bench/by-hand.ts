/**
 * The `by-hand` kind of part 2: the same Terraform a `CaCertificate` writes with
 * its defaults, written without the construct, as a user would to get that
 * result: a raw `X509Certificate` parse for the fingerprints and expiry, the
 * name with its fingerprint suffix, the resource, the four outputs, and the
 * orphan check (one shared `alicloud_slb_ca_certificates` scan per stack and a
 * `check` block per certificate). The tree has the construct's shape (a scope
 * per certificate, `Resource` and `OrphanCheck` below it), so logical IDs are
 * the same; `__tests__/process/bench-smoke.test.ts` holds the two JSONs equal
 * but for the check's message text.
 */
import { X509Certificate } from "crypto";
import { TerraformElement, TerraformOutput, TerraformStack } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";

/** A Terraform `check` block with one assertion, as a user would write it (cdktf 0.21 has no class for it). */
class HandCheck extends TerraformElement {
  constructor(
    scope: Construct,
    id: string,
    private readonly assertion: () => { condition: string; error_message: string },
  ) {
    super(scope, id);
  }

  public override toTerraform(): unknown {
    return { check: { [this.friendlyUniqueId]: { assert: [this.assertion()] } } };
  }
}

/** Facts a user computes from one raw parse. */
export function factsOf(pem: string): { fingerprint: string; fingerprintSha256: string; expireTime: string } {
  const x509 = new X509Certificate(pem);
  return {
    fingerprint: x509.fingerprint.toLowerCase(),
    fingerprintSha256: x509.fingerprint256.toLowerCase(),
    expireTime: new Date(x509.validTo).toISOString().replace(/\.\d{3}Z$/, "Z"),
  };
}

/** Declares one certificate by hand under `stack`, as `Ca<i>`. */
export function addByHand(stack: TerraformStack, i: number, pem: string, name: string, tags: Record<string, string>): void {
  const facts = factsOf(pem);
  const scope = new Construct(stack, `Ca${i}`);
  const resource = new SlbCaCertificate(scope, "Resource", {
    caCertificate: pem,
    caCertificateName: `${name}-${facts.fingerprint.replace(/:/g, "").slice(0, 8)}`,
    tags,
    lifecycle: { createBeforeDestroy: true },
  });
  const scan =
    (stack.node.tryFindChild("CaCertificateOrphanScan") as DataAlicloudSlbCaCertificates | undefined) ??
    new DataAlicloudSlbCaCertificates(stack, "CaCertificateOrphanScan", {});
  new HandCheck(scope, "OrphanCheck", () => {
    const self = `alicloud_slb_ca_certificate.${resource.friendlyUniqueId}`;
    const orphans =
      `[for c in data.alicloud_slb_ca_certificates.${scan.friendlyUniqueId}.certificates : c.id if ` +
      `(c.name == ${self}.ca_certificate_name ? (c.resource_group_id == ${self}.resource_group_id ? (c.id != ${self}.id) : false) : false)]`;
    return {
      condition: `\${length(${orphans}) == 0}`,
      error_message: `[${scope.node.path}] SLB holds CA certificate \${join(", ", ${orphans})} named "\${${self}.ca_certificate_name}", not the one in state (\${${self}.id}).`,
    };
  });
  addOutputs(scope, i, scope.node.path, resource.id, facts);
}

/**
 * The four outputs a CaCertificate adds, by hand: its ID and facts, with the construct's logical IDs
 * (`Ca<i>_<name>`) and descriptions naming `path`.
 * @param scope where the outputs go: the certificate's scope (by hand) or the stack (bare-outputs)
 */
export function addOutputs(scope: Construct, i: number, path: string, id: string, facts: ReturnType<typeof factsOf>): void {
  const add = (name: string, value: string, description: string) => {
    new TerraformOutput(scope, `Ca${i}_${name}`, { value, description }).overrideLogicalId(`Ca${i}_${name}`);
  };
  add("ca_certificate_id", id, `ID of the SLB CA certificate ${path}`);
  add("fingerprint", facts.fingerprint, `SHA-1 fingerprint of the SLB CA certificate ${path}`);
  add("fingerprint_sha256", facts.fingerprintSha256, `SHA-256 fingerprint of the SLB CA certificate ${path}`);
  add("expire_time", facts.expireTime, `Expiry (UTC) of the SLB CA certificate ${path}`);
}
