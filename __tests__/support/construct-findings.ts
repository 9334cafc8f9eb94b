/** Test helper: what a CaCertificate reported, as warnings on its node or as the validation error it threw. */
import { Construct } from "constructs";
import { CaCertificateValidationError } from "../../constructs";
import { caught } from "./caught";

/** The warning annotations on a construct, as text. */
export function warningsOf(construct: Construct): string[] {
  return construct.node.metadata.filter((m) => m.type === "@cdktf/warn").map((m) => String(m.data));
}

/** The CaCertificateValidationError that `fn` throws; any other error is rethrown, and no error fails the test. */
export function thrown(fn: () => unknown): CaCertificateValidationError {
  return caught(fn, CaCertificateValidationError);
}
