import * as fs from "fs";
import { Annotations, IAspect, Token } from "cdktf";
import { IConstruct } from "constructs";
import { CaCertificate } from "./ca-certificate";
import { daysUntil } from "./time";
import { CaCertificateUserError } from "./user-error";
import { ValidationProblem, showValue } from "./validation-error";

/**
 * An organisation's rules for every CA certificate, e.g. kept by a security
 * team as JSON in its own repository. Every rule is optional.
 */
export interface CaCertificatePolicyRules {
  /**
   * Tag keys every certificate must carry.
   * @default - none required
   */
  readonly requiredTags?: string[];
  /**
   * Allowed values per tag key; a certificate without that tag is not judged here (see requiredTags).
   * @default - any value
   */
  readonly allowedTagValues?: { [key: string]: string[] };
  /**
   * Regions certificates may be uploaded to.
   * @default - any region
   */
  readonly allowedRegions?: string[];
  /**
   * Resource groups certificates may live in; a certificate in the account's default group (no resourceGroupId) is refused.
   * @default - any resource group
   */
  readonly allowedResourceGroupIds?: string[];
  /**
   * A regular expression the declared name (before the uniqueness suffix) must match; a certificate without a name is refused.
   * @default - any name
   */
  readonly namePattern?: string;
  /**
   * Refuse certificates that expire within this many days.
   * @default - no minimum
   */
  readonly minValidityDays?: number;
  /**
   * Warn about certificates that expire within this many days.
   * @default - no warning
   */
  readonly warnValidityDays?: number;
  /**
   * Accept RSA 4096 keys only.
   * @default false
   */
  readonly requireRsa4096?: boolean;
  /**
   * What to do with a certificate whose PEM is a token (known only at deploy): "skip" the content rules with a warning, or "error".
   * @default "skip"
   */
  readonly unresolvedPem?: "skip" | "error";
}

/** Options of {@link CaCertificatePolicy} that are not rules. */
export interface CaCertificatePolicyOptions {
  /**
   * The moment validity rules are judged at.
   * @default - the current time
   */
  readonly now?: Date;
}

/** Thrown when a policy file is not valid: lists every problem. */
export class CaCertificatePolicyError extends CaCertificateUserError {
  constructor(
    public readonly source: string,
    public readonly problems: string[],
  ) {
    super(`${source}: invalid CA certificate policy:\n  - ${problems.join("\n  - ")}`);
    this.name = "CaCertificatePolicyError";
  }
}

/** What a policy found on one certificate: errors fail synth, warnings are printed. */
export interface Findings {
  readonly errors: ValidationProblem[];
  readonly warnings: ValidationProblem[];
}

type FieldCheck = (value: unknown) => string | undefined;

const isStringArray: FieldCheck = (v) =>
  Array.isArray(v) && v.every((x) => typeof x === "string") ? undefined : `must be an array of strings, got ${showValue(v)}`;
const isDays: FieldCheck = (v) =>
  typeof v === "number" && Number.isInteger(v) && v >= 0 ? undefined : `must be a whole number of days (0 or more), got ${showValue(v)}`;
const FIELDS: Readonly<Record<keyof CaCertificatePolicyRules, FieldCheck>> = {
  requiredTags: isStringArray,
  allowedTagValues: (v) => {
    if (v === null || typeof v !== "object" || Array.isArray(v)) return `must be an object mapping tag keys to arrays of strings, got ${showValue(v)}`;
    const bad = Object.entries(v).find(([, values]) => isStringArray(values) !== undefined);
    return bad ? `must map each tag key to an array of strings; tag ${showValue(bad[0])} maps to ${showValue(bad[1])}` : undefined;
  },
  allowedRegions: isStringArray,
  allowedResourceGroupIds: isStringArray,
  namePattern: (v) => {
    if (typeof v !== "string") return `must be a regular expression as a string, got ${showValue(v)}`;
    try {
      new RegExp(v, "u");
      return undefined;
    } catch {
      return `is not a valid regular expression: ${showValue(v)}`;
    }
  },
  minValidityDays: isDays,
  warnValidityDays: isDays,
  requireRsa4096: (v) => (typeof v === "boolean" ? undefined : `must be true or false, got ${showValue(v)}`),
  unresolvedPem: (v) => (v === "skip" || v === "error" ? undefined : `must be "skip" or "error", got ${showValue(v)}`),
};

/**
 * Checks parsed JSON against the policy schema.
 * @throws CaCertificatePolicyError listing unknown keys and wrong types
 */
export function parsePolicyRules(json: unknown, source = "policy"): CaCertificatePolicyRules {
  if (json === null || typeof json !== "object" || Array.isArray(json)) {
    throw new CaCertificatePolicyError(source, [`the policy must be a JSON object, got ${showValue(json)}`]);
  }
  const problems: string[] = [];
  for (const [key, value] of Object.entries(json)) {
    const check = FIELDS[key as keyof CaCertificatePolicyRules];
    if (!check) {
      problems.push(`unknown key ${showValue(key)}; known keys: ${Object.keys(FIELDS).join(", ")}`);
      continue;
    }
    const problem = check(value);
    if (problem) problems.push(`${key} ${problem}`);
  }
  if (problems.length > 0) throw new CaCertificatePolicyError(source, problems);
  return json as CaCertificatePolicyRules;
}

/**
 * An aspect that holds every CaCertificate below the scope it is added to to
 * an organisation's rules. A violation is an error annotation on that
 * certificate, naming the rule and the value; with `AtomicApp`, one synth
 * reports every violation in every stack and writes nothing.
 *
 * @example
 * Aspects.of(app).add(CaCertificatePolicy.fromFile("policy/ca-certificates.json"));
 */
export class CaCertificatePolicy implements IAspect {
  /**
   * Loads a policy from a JSON file.
   * @throws CaCertificatePolicyError for unreadable JSON, unknown keys or wrong types
   */
  public static fromFile(path: string, options: CaCertificatePolicyOptions = {}): CaCertificatePolicy {
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path, "utf8"));
    } catch (error) {
      throw new CaCertificatePolicyError(path, [`cannot read it as JSON: ${(error as Error).message}`]);
    }
    return new CaCertificatePolicy(parsePolicyRules(json, path), options);
  }

  public readonly rules: CaCertificatePolicyRules;
  private readonly now?: Date;
  /** namePattern, compiled once rather than for every certificate. */
  private readonly namePattern?: RegExp;

  constructor(rules: CaCertificatePolicyRules, options: CaCertificatePolicyOptions = {}) {
    this.rules = parsePolicyRules(rules, "CaCertificatePolicy");
    this.now = options.now;
    this.namePattern = this.rules.namePattern === undefined ? undefined : new RegExp(this.rules.namePattern, "u");
  }

  public visit(node: IConstruct): void {
    if (!(node instanceof CaCertificate)) return;
    const { errors, warnings } = this.check(node);
    for (const e of errors) Annotations.of(node).addError(`${e.code}: ${e.message}`);
    for (const w of warnings) Annotations.of(node).addWarning(`${w.code}: ${w.message}`);
  }

  /** The violations of one certificate, without annotating it. */
  public check(ca: CaCertificate): Findings {
    const findings: Findings = { errors: [], warnings: [] };
    this.checkTags(ca, findings);
    this.checkPlacement(ca, findings);
    findings.errors.push(...this.nameViolations(ca));
    const content = this.contentViolations(ca);
    findings.errors.push(...content.errors);
    findings.warnings.push(...content.warnings);
    return findings;
  }

  private checkTags(ca: CaCertificate, findings: Findings): void {
    const { requiredTags, allowedTagValues } = this.rules;
    if (!requiredTags && !allowedTagValues) return;
    if (Token.isUnresolved(ca.tags)) {
      findings.warnings.push({ code: "Policy.UnresolvedTags", message: "the tags are known only at deploy time, so the tag rules could not be checked (skipped)." });
      return;
    }
    for (const key of requiredTags ?? []) {
      if (!Object.prototype.hasOwnProperty.call(ca.tags, key)) {
        const present = Object.keys(ca.tags).join(", ") || "no tags";
        findings.errors.push({ code: "Policy.RequiredTag", message: `tag ${showValue(key)} is required; the certificate has ${showValue(present)}.` });
      }
    }
    for (const [key, allowed] of Object.entries(allowedTagValues ?? {})) {
      const value = ca.tags[key];
      if (value !== undefined && !Token.isUnresolved(value) && !allowed.includes(value)) {
        findings.errors.push({ code: "Policy.TagValue", message: `tag ${showValue(key)} is ${showValue(value)}; allowed: ${allowed.map((a) => showValue(a)).join(", ")}.` });
      }
    }
  }

  private checkPlacement(ca: CaCertificate, findings: Findings): void {
    const regions = this.rules.allowedRegions;
    const region = ca.region;
    if (regions && region !== undefined && Token.isUnresolved(region)) {
      findings.warnings.push({ code: "Policy.UnresolvedRegion", message: "the region is known only at deploy time, so allowedRegions could not be checked (skipped)." });
    } else if (regions && region !== undefined && !regions.includes(region)) {
      findings.errors.push({ code: "Policy.Region", message: `region ${showValue(region)} is not approved; allowed: ${regions.join(", ")}.` });
    }
    const groups = this.rules.allowedResourceGroupIds;
    const group = ca.resourceGroupId;
    if (groups && !(group !== undefined && (Token.isUnresolved(group) || groups.includes(group)))) {
      const shown = group === undefined ? "the account's default resource group" : `resource group ${showValue(group)}`;
      findings.errors.push({ code: "Policy.ResourceGroup", message: `${shown} is not approved; allowed: ${groups.join(", ")}.` });
    }
  }

  private nameViolations(ca: CaCertificate): ValidationProblem[] {
    const pattern = this.namePattern;
    const name = ca.declaredName;
    if (pattern === undefined || (name !== undefined && Token.isUnresolved(name))) return [];
    if (name !== undefined && pattern.test(name)) return [];
    return [{ code: "Policy.Name", message: `name ${name === undefined ? "(none)" : showValue(name)} does not match the required pattern /${this.rules.namePattern}/.` }];
  }

  private contentViolations(ca: CaCertificate): Findings {
    const errors: ValidationProblem[] = [];
    const warnings: ValidationProblem[] = [];
    const info = ca.info;
    if (!info) {
      const message = "the PEM is known only at deploy time, so key size and validity could not be checked.";
      if (this.rules.unresolvedPem === "error") errors.push({ code: "Policy.UnresolvedPem", message });
      else warnings.push({ code: "Policy.UnresolvedPem", message: `${message} (skipped)` });
      return { errors, warnings };
    }
    if (this.rules.requireRsa4096 && info.keySize !== 4096) {
      errors.push({ code: "Policy.KeySize", message: `the key is RSA ${info.keySize}; the policy requires RSA 4096.` });
    }
    const daysLeft = daysUntil(info.notAfter, this.now ?? new Date());
    const { minValidityDays, warnValidityDays } = this.rules;
    if (minValidityDays !== undefined && daysLeft < minValidityDays) {
      errors.push({
        code: "Policy.MinValidity",
        message: `the certificate expires on ${info.expireTime}, in ${daysLeft} days; the policy requires at least ${minValidityDays}.`,
      });
    } else if (warnValidityDays !== undefined && daysLeft < warnValidityDays) {
      warnings.push({
        code: "Policy.ValidityWarning",
        message: `the certificate expires on ${info.expireTime}, in ${daysLeft} days (policy warning threshold: ${warnValidityDays}).`,
      });
    }
    return { errors, warnings };
  }
}
