import { CaCertificateUserError } from "./user-error";

/** One thing wrong (or worth a warning) with a CA certificate's inputs. */
export interface ValidationProblem {
  /** A stable code, mirroring the Alibaba Cloud API's error code where it has one. */
  readonly code: string;
  /** What is wrong, the value received (never key material) and what is allowed. */
  readonly message: string;
}

/**
 * Thrown when a CA certificate's inputs would be refused by Alibaba Cloud, or
 * would weaken mutual TLS. Lists every problem found, not just the first.
 *
 * TypeScript only: not in the jsii assembly (jsii refuses classes that extend
 * Error); other languages get the error with this name and message.
 * @internal
 */
export class CaCertificateValidationError extends CaCertificateUserError {
  /** Every problem found, in the order the checks ran. */
  public readonly problems: ValidationProblem[];

  /**
   * A construct path, never a file path: the `node.path` of the construct whose
   * inputs the problems belong to (e.g. `pki/ClientCa`: construct `ClientCa`
   * in stack `pki`), as the message's `[...]` prefix shows it. Undefined when
   * no construct raised them (e.g. `CaCertificateValidator.inspect`).
   */
  public readonly path?: string;

  /**
   * @param problems every problem found (at least one)
   * @param path the construct path (`node.path`, e.g. `pki/ClientCa`) of the construct that raised them; never a file path
   */
  constructor(problems: ValidationProblem[], path?: string) {
    super(formatProblems(problems, path));
    this.problems = problems;
    this.path = path;
  }
}

/** The multi-line message of a CaCertificateValidationError. */
export function formatProblems(problems: readonly ValidationProblem[], path?: string): string {
  const count = problems.length === 1 ? "1 problem" : `${problems.length} problems`;
  const head = `${path === undefined ? "" : `[${path}] `}${count} with the CA certificate:`;
  return [head, ...problems.map((p) => `  - ${p.code}: ${p.message}`)].join("\n");
}

const MAX_SHOWN = 60;

/**
 * A value as a message shows it: quoted, control characters escaped, long
 * values cut. Never call it with anything that may hold key material.
 */
export function showValue(value: unknown): string {
  if (typeof value !== "string") {
    if (value === null) return "null";
    if (Buffer.isBuffer(value)) return `a Buffer of ${value.length} bytes`;
    if (Array.isArray(value)) return "an array";
    return typeof value === "object" ? "an object" : `${typeof value} ${String(value)}`;
  }
  const shown = value.length > MAX_SHOWN ? `${value.slice(0, MAX_SHOWN)}...` : value;
  const escaped = JSON.stringify(shown);
  return value.length > MAX_SHOWN ? `${escaped} (${value.length} characters)` : escaped;
}
