/**
 * Two CaCertificates of one app that SLB would hold under the same name, in
 * the same account, region and resource group: each one's orphan check would see the
 * other's live certificate, which the other stack's state holds, and call it
 * an orphan at every plan. Within one app that is known at synth, and it is
 * the error `CACertificate.DuplicateName`, naming both paths. Across apps it
 * cannot be known here: the check's message says "may be an orphan" and how to
 * tell (orphan-check.ts).
 * Internal: not exported from the package.
 */
import { TerraformProvider, Token } from "cdktf";
import { IConstruct } from "constructs";
import { problem, ruleMessage } from "../problems";
import { regionOf } from "./default-provider";
import { sameAccount } from "./provider-account";

/** What one certificate's orphan check compares SLB's certificates with. */
export interface OrphanCheckClaim {
  /** The CaCertificate. */
  readonly owner: IConstruct;
  /** The name SLB gets (with the uniqueness suffix, when there is one). */
  readonly name: string;
  /** The resource group as given; undefined is the account's default one. */
  readonly resourceGroupId?: string;
  /** The provider it uploads with, read at validation (it may be added after the certificate); its region and account settings are compared. */
  readonly provider: () => TerraformProvider | undefined;
  /** The PEM's SHA-1 fingerprint; undefined when the PEM is a token. */
  readonly fingerprint?: string;
  /** Whether its check compares the name alone (the name carries the fingerprint), not the fingerprint too. */
  readonly byNameAlone: boolean;
  /** Whether it has an orphan check (prop orphanCheck). */
  readonly orphanCheck: boolean;
}

/** Every claim of an app, by name and resource group. */
const claimsByApp = new WeakMap<IConstruct, Map<string, OrphanCheckClaim[]>>();

/** Whether `a`'s orphan check would call `b`'s certificate an orphan (both given the same name, account, region and group). */
function wouldFlag(a: OrphanCheckClaim, b: OrphanCheckClaim): boolean {
  if (!a.orphanCheck) return false;
  // An unknown fingerprint may be the same one.
  return a.byNameAlone || a.fingerprint === undefined || b.fingerprint === undefined || a.fingerprint === b.fingerprint;
}

/** Whether the construct is still in its app's tree (a caller may have removed it, or a scope of it). */
function inTree(construct: IConstruct): boolean {
  for (let c = construct; c.node.scope; c = c.node.scope) {
    if (c.node.scope.node.tryFindChild(c.node.id) !== c) return false;
  }
  return true;
}

/** The first earlier claim of the same name, account, region and group that the two checks would confuse. */
function sibling(claim: OrphanCheckClaim, group: readonly OrphanCheckClaim[]): OrphanCheckClaim | undefined {
  const provider = claim.provider();
  const region = provider && regionOf(provider);
  if (provider === undefined || region === undefined || Token.isUnresolved(region)) return undefined;
  for (const other of group) {
    if (other === claim) return undefined;
    const otherProvider = other.provider();
    if (otherProvider === undefined || regionOf(otherProvider) !== region || !sameAccount(provider, otherProvider)) continue;
    if ((wouldFlag(claim, other) || wouldFlag(other, claim)) && inTree(other.owner)) return other;
  }
  return undefined;
}

/** The error on `claim`, naming `other`, both paths and what to change. */
function duplicateMessage(claim: OrphanCheckClaim, other: OrphanCheckClaim): string {
  const region = regionOf(claim.provider()!);
  const group = claim.resourceGroupId === undefined ? "the account's default resource group" : `resource group "${claim.resourceGroupId}"`;
  const checked = [other, claim].filter((c) => c.orphanCheck).map((c) => c.owner.node.path);
  return ruleMessage(
    problem(
      "CACertificate.DuplicateName",
      `${claim.owner.node.path} and ${other.owner.node.path} would both be named "${claim.name}" in one account, region "${region}" and ${group}, ` +
        "so the orphan check of one would call the other's certificate an orphan at every plan. " +
        `Give one of them another caCertificateName or resourceGroupId, or set orphanCheck: false on ${checked.join(" and ")}.`,
    ),
  );
}

/**
 * Records a certificate's orphan check in its app; at synth, a validation on
 * it fails when an earlier certificate of the app has the same name, region
 * and resource group, uploads with the same provider or one with the same
 * literal account settings (provider-account.ts), and either check would
 * take the other's certificate for an orphan. A name or group that is a token
 * is not compared, nor is a region, or an account setting, that is one.
 */
export function claimOrphanCheckName(claim: OrphanCheckClaim): void {
  if (Token.isUnresolved(claim.name) || (claim.resourceGroupId !== undefined && Token.isUnresolved(claim.resourceGroupId))) return;
  const root = claim.owner.node.root;
  let claims = claimsByApp.get(root);
  if (!claims) claimsByApp.set(root, (claims = new Map()));
  const key = JSON.stringify([claim.name, claim.resourceGroupId ?? null]);
  let group = claims.get(key);
  if (!group) claims.set(key, (group = []));
  group.push(claim);
  const claimed = group;
  claim.owner.node.addValidation({
    validate: () => {
      const other = sibling(claim, claimed);
      return other ? [duplicateMessage(claim, other)] : [];
    },
  });
}
