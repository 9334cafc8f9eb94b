/**
 * The one rule catalogue: every code the library reports, from the
 * certificate's rules (props, PEM, clients, provider, references) and the
 * organisation policy's. A problem's code is typed with {@link RuleCode}, so a
 * mistyped code does not compile; {@link isRuleCode} guards codes at run time
 * where they arrive as plain strings (ruleMessage).
 */
import { CERTIFICATE_RULES } from "./certificate-catalogue";
import { POLICY_RULES } from "./policy-catalogue";
import { Rule, RuleSeverity } from "./rule";

/** Every code of the catalogue: a new entry in either list extends it. */
export type RuleCode = (typeof CERTIFICATE_RULES)[number]["code"] | (typeof POLICY_RULES)[number]["code"];

const CODES: ReadonlySet<string> = new Set([...CERTIFICATE_RULES, ...POLICY_RULES].map((rule) => rule.code));

/** Whether a string is a code of the catalogue. */
export function isRuleCode(code: string): code is RuleCode {
  return CODES.has(code);
}

/** Every entry of the catalogue, with the files its problems are made in. */
export function catalogueEntries(): readonly { readonly code: RuleCode; readonly checkedIn: readonly string[] }[] {
  return [...CERTIFICATE_RULES, ...POLICY_RULES];
}

const SEVERITIES: { readonly [value in `${RuleSeverity}`]: RuleSeverity } = {
  error: RuleSeverity.ERROR,
  warning: RuleSeverity.WARNING,
  "error, or warning on a self-signed root": RuleSeverity.ERROR_UNLESS_SELF_SIGNED_ROOT,
  "warning at plan": RuleSeverity.PLAN_WARNING,
};

/** The certificate's rules as the public API gives them (CaCertificateValidator.rules): a fresh list, severity as the enum. */
export function certificateRules(): Rule[] {
  return CERTIFICATE_RULES.map((rule) => ({ code: rule.code, severity: SEVERITIES[rule.severity], rejects: rule.rejects, why: rule.why }));
}
