import { Annotations, IAspect, Token } from "cdktf";
import { IConstruct } from "constructs";
import { RE2JS } from "re2js";
import { CaCertificate } from "../certificate/ca-certificate";
import { CaCertificateFileError } from "../errors";
import { CaCertificatePolicyError } from "../errors";
import { compileNamePattern, parsePolicyJson, parsePolicyRules } from "./policy-rules";
import { readUserFile } from "../read-user-file";
import { daysUntil } from "../x509/time";
import { UnresolvedPemAction } from "./unresolved-pem-action";
import type { CaCertificatePolicyRules } from "./ca-certificate-policy-rules";
import { RuleProblem, ValidationProblem, ruleMessage, showValue } from "../problems";

/** Largest policy file read: a policy is a few hundred bytes. */
const MAX_POLICY_BYTES = 1024 * 1024;

/** Options of {@link CaCertificatePolicy} that are not rules. */
export interface CaCertificatePolicyOptions {
  /**
   * The moment validity rules are judged at.
   * @default - the current time
   */
  readonly now?: Date;
}

/** What a policy found on one certificate: errors fail synth, warnings are printed. */
export interface Findings {
  /** Violations: each becomes an error annotation, which fails synth. */
  readonly errors: ValidationProblem[];
  /** Findings that do not fail synth: each becomes a warning annotation. */
  readonly warnings: ValidationProblem[];
}

/** Findings whose codes are the catalogue's (checked by the compiler). */
interface RuleFindings extends Findings {
  readonly errors: RuleProblem[];
  readonly warnings: RuleProblem[];
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
   * Loads a policy from a JSON file (a leading UTF-8 byte-order mark is accepted).
   * A file that is missing, not a regular file, or over 1 MiB is refused unread.
   * @param path the JSON file, absolute or relative to the working directory
   * @param options when the rules are judged
   * @throws CaCertificatePolicyError for an unreadable file or JSON, unknown keys or wrong types
   */
  public static fromFile(path: string, options: CaCertificatePolicyOptions = {}): CaCertificatePolicy {
    let text: string;
    try {
      text = readUserFile(path, { content: "the policy as JSON", maxBytes: MAX_POLICY_BYTES, maxShown: "1 MiB" }).toString("utf8");
    } catch (error) {
      if (error instanceof CaCertificateFileError) throw new CaCertificatePolicyError(path, [`the file ${error.reason}`]);
      throw error;
    }
    return new CaCertificatePolicy(parsePolicyJson(text, path), options);
  }

  /** The rules, as validated (a copy of the known keys). */
  public readonly rules: CaCertificatePolicyRules;
  private readonly now?: Date;
  /** namePattern, compiled once rather than for every certificate. */
  private readonly namePattern?: RE2JS;

  /**
   * @param rules the rules, validated as a policy file is
   * @param options when the rules are judged
   * @throws CaCertificatePolicyError for unknown keys or wrong types
   */
  constructor(rules: CaCertificatePolicyRules, options: CaCertificatePolicyOptions = {}) {
    this.rules = parsePolicyRules(rules, "CaCertificatePolicy");
    this.now = options.now;
    const pattern = this.rules.namePattern === undefined ? undefined : compileNamePattern(this.rules.namePattern);
    // parsePolicyRules already refused such a pattern; should one get here, fail closed rather than accept any name.
    if (typeof pattern === "string") throw new CaCertificatePolicyError("CaCertificatePolicy", [`namePattern ${pattern}`]);
    this.namePattern = pattern;
  }

  /**
   * Annotates a CaCertificate with its violations (errors) and warnings; ignores other constructs.
   * @param node the construct cdktf visits
   */
  public visit(node: IConstruct): void {
    if (!(node instanceof CaCertificate)) return;
    const { errors, warnings } = this.check(node);
    for (const e of errors) Annotations.of(node).addError(ruleMessage(e));
    for (const w of warnings) Annotations.of(node).addWarning(ruleMessage(w));
  }

  /**
   * The violations of one certificate, without annotating it.
   * @param ca the certificate to judge
   */
  public check(ca: CaCertificate): Findings {
    const findings: RuleFindings = { errors: [], warnings: [] };
    this.checkTags(ca, findings);
    this.checkPlacement(ca, findings);
    findings.errors.push(...this.nameViolations(ca));
    const content = this.contentViolations(ca);
    findings.errors.push(...content.errors);
    findings.warnings.push(...content.warnings);
    return findings;
  }

  private checkTags(ca: CaCertificate, findings: RuleFindings): void {
    const { requiredTags, allowedTagValues } = this.rules;
    if (!requiredTags && !allowedTagValues) return;
    if (Token.isUnresolved(ca.tags)) {
      findings.warnings.push({
        code: "Policy.UnresolvedTags",
        message: "the tags are known only at deploy time, so the tag rules could not be checked (skipped).",
      });
      return;
    }
    for (const key of requiredTags ?? []) {
      if (!Object.prototype.hasOwnProperty.call(ca.tags, key)) {
        const present = Object.keys(ca.tags).join(", ") || "no tags";
        findings.errors.push({ code: "Policy.RequiredTag", message: `tag ${showValue(key)} is required; the certificate has ${showValue(present)}.` });
      }
    }
    for (const [key, allowed] of Object.entries(allowedTagValues ?? {})) {
      const value = Object.prototype.hasOwnProperty.call(ca.tags, key) ? ca.tags[key] : undefined;
      if (value !== undefined && !Token.isUnresolved(value) && !allowed.includes(value)) {
        findings.errors.push({
          code: "Policy.TagValue",
          message: `tag ${showValue(key)} is ${showValue(value)}; allowed: ${allowed.map((a) => showValue(a)).join(", ")}.`,
        });
      }
    }
  }

  private checkPlacement(ca: CaCertificate, findings: RuleFindings): void {
    const regions = this.rules.allowedRegions;
    const region = ca.region;
    if (regions && region !== undefined && Token.isUnresolved(region)) {
      findings.warnings.push({
        code: "Policy.UnresolvedRegion",
        message: "the region is known only at deploy time, so allowedRegions could not be checked (skipped).",
      });
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

  private nameViolations(ca: CaCertificate): RuleProblem[] {
    const pattern = this.namePattern;
    const name = ca.declaredName;
    if (pattern === undefined || (name !== undefined && Token.isUnresolved(name))) return [];
    // matches(): the whole name, as if the pattern were wrapped in ^(?:...)$.
    if (name !== undefined && pattern.matches(name)) return [];
    const shown = name === undefined ? "(none)" : showValue(name);
    return [
      { code: "Policy.Name", message: `name ${shown} does not match the required pattern ${showValue(this.rules.namePattern)} (the whole name must match).` },
    ];
  }

  private contentViolations(ca: CaCertificate): RuleFindings {
    const errors: RuleProblem[] = [];
    const warnings: RuleProblem[] = [];
    const info = ca.info;
    if (!info) {
      const message = "the PEM is known only at deploy time, so key size and validity could not be checked.";
      if (this.rules.unresolvedPem === UnresolvedPemAction.ERROR) errors.push({ code: "Policy.UnresolvedPem", message });
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
