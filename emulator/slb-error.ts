/**
 * How SLB answers a refused call, and how a caller sees a call whose response
 * never came back.
 */
import { randomBytes } from "crypto";

export function newRequestId(): string {
  const hex = randomBytes(16).toString("hex").toUpperCase();
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** An error as SLB answers it: a code, a message and an HTTP status. */
export class SlbError extends Error {
  /** The API action that failed; set when the call is recorded. */
  public action = "";
  constructor(
    public readonly code: string,
    message: string,
    public readonly httpStatus: number = 400,
    public readonly requestId: string = newRequestId(),
  ) {
    super(message);
  }
}

/**
 * The action took effect, but its response was lost on the way (SLB_EMULATOR_FAIL
 * `lost`): the caller sees what Go's HTTP client reports for a timeout, a message
 * starting `Post "https://`, which the provider's NeedRetry retries. There is no
 * HTTP status and no SLB code; `ResponseLost` names it in the emulator's diagnostics.
 */
export class LostResponseError extends SlbError {
  constructor(action: string) {
    super(
      "ResponseLost",
      `Post "https://slb.aliyuncs.com/?Action=${action}": context deadline exceeded (Client.Timeout exceeded while awaiting headers); the action took effect, its response was lost (SLB_EMULATOR_FAIL lost)`,
      0,
    );
    this.action = action;
  }
}
