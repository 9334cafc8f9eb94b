/**
 * What the checks report, and how a value they quote is written: every
 * problem is a code from the rule catalogue (rules.ts) with a message that
 * names the value received (never key material) and what is allowed.
 */
import { RuleCode, isRuleCode } from "./rules/catalogue";

/** One thing wrong (or worth a warning) with a CA certificate's inputs. */
export interface ValidationProblem {
  /** A stable code, mirroring the Alibaba Cloud API's error code where it has one. */
  readonly code: string;
  /** What is wrong, the value received (never key material) and what is allowed. */
  readonly message: string;
}

const MAX_SHOWN = 60;

/**
 * A string as a message shows it, without its length: quoted, control
 * characters escaped, a long one cut. For a message that states the length
 * itself ("is 65 characters long"); otherwise use showValue.
 */
export function showValueCut(value: string): string {
  return JSON.stringify(value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value);
}

/**
 * A value as a message shows it: quoted, control characters escaped, long
 * values cut and their length given. Never call it with anything that may hold key material.
 */
export function showValue(value: unknown): string {
  if (typeof value !== "string") {
    if (value === null) return "null";
    if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
    if (Array.isArray(value)) return "an array";
    return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
  }
  return value.length > MAX_SHOWN ? `${showValueCut(value)} (${value.length} characters)` : showValueCut(value);
}

/** A ValidationProblem whose code is one of the catalogue's. */
export interface RuleProblem extends ValidationProblem {
  readonly code: RuleCode;
}

/** A problem with a code of the catalogue (checked by the compiler). */
export function problem(code: RuleCode, message: string): RuleProblem {
  return { code, message };
}

/** A problem's text in a message or an annotation: its code, then the message. */
export function problemLine(problem: ValidationProblem): string {
  return `${problem.code}: ${problem.message}`;
}

/**
 * An annotation's text: the rule's code, then the message. Every annotation
 * the library adds is written here. Its code must be the catalogue's: a
 * problem whose code arrived as a plain string is checked at run time.
 * @throws Error for a code the catalogue does not have (a bug in the library)
 */
export function ruleMessage(problem: ValidationProblem): string {
  if (!isRuleCode(problem.code)) throw new Error(`${JSON.stringify(problem.code)} is not a code of the rule catalogue (constructs/rules/)`);
  return problemLine(problem);
}
