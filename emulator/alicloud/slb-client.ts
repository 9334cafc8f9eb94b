/**
 * The provider's side of an API call: each attempt is one action on the
 * account, under its lock (so other provider processes interleave between
 * attempts, as other callers do in the cloud), and waits are spent outside the
 * lock.
 */
import { Account } from "../account";
import { withAccount } from "../account-file";
import { LostResponseError, SlbError } from "../slb-error";
import { Sdk } from "./retry";

/** How one call site sends its request. */
export interface Transport {
  readonly sdk: Sdk;
  /**
   * client.RpcPost's autoRetry: the Tea client resends at once, up to 3 more
   * times, after a 5xx answer or a transport error (tea-rpc v1.2.0 DoRequest,
   * tea v1.2.2 AllowRetry/Retryable). alibaba-cloud-sdk-go's own retry is off in
   * the provider (getSdkConfig leaves AutoRetry false).
   */
  readonly autoRetry?: boolean;
}

export const TEA: Transport = { sdk: "tea" };
export const TEA_AUTO_RETRY: Transport = { sdk: "tea", autoRetry: true };
export const LEGACY: Transport = { sdk: "legacy" };

/** The most attempts the Tea client makes with autoRetry (retryTimes 0 to maxAttempts 3). */
const TEA_ATTEMPTS = 4;

/** Runs one action on the account: by default under the account file's lock (withAccount); tests may hold an account in memory. */
export type AccountAccess = <T>(action: (account: Account) => T) => T;

export class SlbClient {
  constructor(
    public readonly region: string,
    private readonly access: AccountAccess = (action) => withAccount(action),
  ) {}

  /** Sends one request: `action` runs on the account; the Tea client's own resends happen here. */
  async request<T>(transport: Transport, action: (account: Account) => T): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      try {
        return this.access(action);
      } catch (error) {
        const resent =
          transport.autoRetry && attempt < TEA_ATTEMPTS && (error instanceof LostResponseError || (error instanceof SlbError && error.httpStatus >= 500));
        if (!resent) throw error;
      }
    }
  }
}
