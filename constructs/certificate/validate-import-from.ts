import { Token } from "cdktf";
import { RuleProblem } from "../problems";
import { showValue } from "../problems";

/**
 * Checks `importFrom`: the ID of an existing certificate. An empty or blank ID
 * would become an import block with an empty ID, which Terraform cannot import.
 * A token is let through: Terraform resolves it at plan.
 */
export function validateImportFrom(importFrom: unknown): RuleProblem[] {
  if (importFrom === undefined || (typeof importFrom === "string" && (Token.isUnresolved(importFrom) || importFrom.trim() !== ""))) return [];
  return [
    {
      code: "InvalidParam.ImportFrom",
      message: `importFrom is ${showValue(importFrom)}; allowed: the CACertificateId of an existing SLB CA certificate, or leave importFrom out to upload a new one.`,
    },
  ];
}
