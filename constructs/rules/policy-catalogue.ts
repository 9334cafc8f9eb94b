/**
 * The findings of the organisation policy (CaCertificatePolicy), by code: the
 * policy table of docs/policy.md, generated from this list (scripts/rules-table.ts; a
 * test keeps the two equal).
 */
import type { PolicyRuleEntry } from "./rule";

const POLICY = ["policy/ca-certificate-policy.ts"];

/** Every policy finding, in the order of docs/policy.md's table. */
export const POLICY_RULES = [
  {
    code: "Policy.RequiredTag",
    severity: "error",
    policyKey: "`requiredTags`",
    rejects: "a certificate without one of the required tag keys",
    checkedIn: POLICY,
  },
  {
    code: "Policy.TagValue",
    severity: "error",
    policyKey: "`allowedTagValues` (per key)",
    rejects: "a tag whose value is not one of those allowed for its key (a certificate without the tag is left to requiredTags)",
    checkedIn: POLICY,
  },
  { code: "Policy.Region", severity: "error", policyKey: "`allowedRegions`", rejects: "a provider region that is not allowed", checkedIn: POLICY },
  {
    code: "Policy.ResourceGroup",
    severity: "error",
    policyKey: "`allowedResourceGroupIds`",
    rejects: "a resource group that is not allowed; no group (the account's default group) is refused too",
    checkedIn: POLICY,
  },
  {
    code: "Policy.Name",
    severity: "error",
    policyKey: "`namePattern`",
    rejects: "a declared name (before the uniqueness suffix) that the RE2 pattern does not match as a whole; no name is refused too",
    checkedIn: POLICY,
  },
  {
    code: "Policy.MinValidity",
    severity: "error",
    policyKey: "`minValidityDays`",
    rejects: "a certificate that expires within that many days",
    checkedIn: POLICY,
  },
  {
    code: "Policy.ValidityWarning",
    severity: "warning",
    policyKey: "`warnValidityDays`",
    rejects: "a certificate that expires within that many days (and not within minValidityDays)",
    checkedIn: POLICY,
  },
  { code: "Policy.KeySize", severity: "error", policyKey: "`requireRsa4096`", rejects: "a key other than RSA 4096", checkedIn: POLICY },
  {
    code: "Policy.UnresolvedPem",
    severity: 'warning, or error with unresolvedPem "error"',
    policyKey: '`unresolvedPem`: `"skip"` (default) or `"error"` (in code: `UnresolvedPemAction.SKIP` / `.ERROR`)',
    rejects: "a PEM given as a token: key size and validity cannot be checked at synth",
    checkedIn: POLICY,
  },
  {
    code: "Policy.UnresolvedTags",
    severity: "warning",
    policyKey: "`requiredTags`, `allowedTagValues`",
    rejects: "tags given as a token: the tag rules are skipped",
    checkedIn: POLICY,
  },
  {
    code: "Policy.UnresolvedRegion",
    severity: "warning",
    policyKey: "`allowedRegions`",
    rejects: "a region given as a token: the rule is skipped",
    checkedIn: POLICY,
  },
] as const satisfies readonly PolicyRuleEntry[];
