/**
 * The provider's retry machinery at v1.257.0, in its own terms:
 *
 * - NeedRetry and IsExpectedErrors (alicloud/errors.go);
 * - incrementalWait (alicloud/common.go): the first wait, then `increase` every
 *   time after (its waitTime is a fresh variable on each call, so the waits do
 *   not grow: incrementalWait(3s, 5s) waits 3 s, 5 s, 5 s, …);
 * - resource.Retry and StateChangeConf (terraform-plugin-sdk v1.17.2,
 *   helper/resource): between attempts a backoff of 0.5 s, 1 s, 2 s, … up to
 *   10 s, on top of the wait slept inside the attempt, until the timeout.
 */
import { LostResponseError, SlbError } from "../slb-error";
import { scaled, sleep } from "./waits";

/** Which client sends a call: the Tea RPC client (client.RpcPost) or alibaba-cloud-sdk-go (client.WithSlbClient). */
export type Sdk = "tea" | "legacy";

/**
 * NeedRetry: a transport error whose message starts `Post "https://` (a lost
 * response), ServiceUnavailable, Rejected.Throttling or any code containing
 * Throttling; and, for the Tea client, any 5xx answer (its message starts
 * "code: 5xx"). alibaba-cloud-sdk-go's ServerError message carries no such
 * prefix, so a 5xx with another code is not retried there.
 */
export function needRetry(error: unknown, sdk: Sdk): boolean {
  if (error instanceof LostResponseError) return true;
  if (!(error instanceof SlbError)) return false;
  if (error.code === "ServiceUnavailable" || error.code === "Rejected.Throttling" || /Throttling/.test(error.code)) return true;
  return sdk === "tea" && error.httpStatus >= 500;
}

/**
 * IsExpectedErrors: the code is one of `codes`, or (as the provider also
 * matches) the message contains one; the Tea client also matches a code that
 * starts with the error's own code.
 */
export function isExpectedError(error: unknown, codes: readonly string[], sdk: Sdk): boolean {
  if (!(error instanceof SlbError) || error instanceof LostResponseError) return false;
  return codes.some((c) => error.code === c || error.message.includes(c) || (sdk === "tea" && c.startsWith(error.code)));
}

/** SlbIsBusy (alicloud/errors.go). */
export const SLB_IS_BUSY = ["SystemBusy", "OperationBusy", "ServiceIsStopping", "BackendServer.configuring", "ServiceIsConfiguring"];

/** incrementalWait(first, increase): sleeps `first` on the first call, then `increase` on every later one. */
export function incrementalWait(firstMs: number, increaseMs: number): () => Promise<void> {
  let count = 1;
  return () => sleep(count++ === 1 ? firstMs : increaseMs);
}

/** One resource.Retry around an API call, as a call site of the provider writes it. */
export interface RetryRule {
  /** Errors the call site returns as RetryableError. */
  readonly retryable: (error: unknown) => boolean;
  /** The incrementalWait the call site sleeps before returning RetryableError; none when it sleeps nothing. */
  readonly wait?: readonly [number, number];
  readonly timeoutMs: number;
}

/** Twenty minutes: d.Timeout(TimeoutCreate or TimeoutUpdate) of a resource that declares no such timeout. */
export const DEFAULT_TIMEOUT_MS = 20 * 60_000;

/**
 * resource.Retry: runs `attempt` until it succeeds, a non-retryable error, or
 * the timeout (then the last error). StateChangeConf's backoff starts at 100 ms,
 * doubles after each retryable attempt and is kept within 500 ms (Retry's
 * MinTimeout) and 10 s.
 */
export async function resourceRetry<T>(rule: RetryRule, attempt: () => Promise<T>): Promise<T> {
  const wait = rule.wait ? incrementalWait(rule.wait[0], rule.wait[1]) : undefined;
  const deadline = Date.now() + scaled(rule.timeoutMs);
  let backoff = 100;
  for (;;) {
    try {
      return await attempt();
    } catch (error) {
      if (!rule.retryable(error)) throw error;
      if (wait) await wait();
      backoff = Math.min(Math.max(backoff * 2, 500), 10_000);
      if (Date.now() + scaled(backoff) >= deadline) throw error;
      await sleep(backoff);
    }
  }
}

/**
 * StateChangeConf.WaitForState for BuildStateConf(…, timeout, delay, refresh)
 * (MinTimeout 3 s): sleeps `delay`, then refreshes until `refresh` says done,
 * backing off 3 s, 6 s, 10 s, 10 s, … between refreshes.
 */
export async function waitForState(conf: { delayMs: number; timeoutMs: number; refresh: () => Promise<boolean> }): Promise<void> {
  const deadline = Date.now() + scaled(conf.timeoutMs);
  await sleep(conf.delayMs);
  let backoff = 100;
  for (;;) {
    if (await conf.refresh()) return;
    backoff = Math.min(Math.max(backoff * 2, 3000), 10_000);
    if (Date.now() + scaled(backoff) >= deadline) throw new Error(`timeout while waiting for state to become done (timeout: ${conf.timeoutMs / 60_000}m)`);
    await sleep(backoff);
  }
}
