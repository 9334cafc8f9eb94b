/** The shape of a rule in the catalogue: its code, its effect, what it catches and why. */

/** How a rule's finding affects synth. Each value is the text of the README table's "Effect" column. */
export enum RuleSeverity {
  /** The finding fails synth. */
  ERROR = "error",
  /** The finding is a warning annotation; synth goes on. */
  WARNING = "warning",
  /** An error, except on a self-signed root, where it is a warning (a root's self-signature is not relied on). */
  ERROR_UNLESS_SELF_SIGNED_ROOT = "error, or warning on a self-signed root",
  /** A warning of Terraform's at plan and apply (a check block): what SLB holds is only known then. */
  PLAN_WARNING = "warning at plan",
}

/** One rule a CaCertificate enforces: its code, its effect, what it catches and why it matters. */
export interface Rule {
  /** The code its problems and annotations carry, e.g. `InvalidParam.TagKey`. */
  readonly code: string;
  /** How its finding affects synth. */
  readonly severity: RuleSeverity;
  /** What it catches. */
  readonly rejects: string;
  /** Why that matters. */
  readonly why: string;
}

/**
 * A rule as the catalogue writes it: the severity as the enum's value, so that
 * `as const` keeps every code a literal; and where its problems are made.
 */
export interface RuleEntry extends Omit<Rule, "severity"> {
  readonly severity: `${RuleSeverity}`;
  /** The files below constructs/ that make its problems: the one hop from a code to its check. */
  readonly checkedIn: readonly string[];
}

/** A rule of the organisation policy (CaCertificatePolicy): which key of the policy it enforces. */
export interface PolicyRuleEntry {
  /** The code its findings carry, `Policy.*`. */
  readonly code: string;
  /** How its finding affects synth, as the README's policy table says it. */
  readonly severity: "error" | "warning" | 'warning, or error with unresolvedPem "error"';
  /** The policy key (or keys) that asks for it, as the README table shows them (markdown). */
  readonly policyKey: string;
  /** What it catches. */
  readonly rejects: string;
  /** The files below constructs/ that make its findings. */
  readonly checkedIn: readonly string[];
}
