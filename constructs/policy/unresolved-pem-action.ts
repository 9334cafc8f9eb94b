/** What a policy does with a certificate whose PEM is a token (known only at deploy). */
export enum UnresolvedPemAction {
  /** Skip the content rules (key size, validity) with the warning `Policy.UnresolvedPem`. */
  SKIP = "skip",
  /** Report `Policy.UnresolvedPem` as an error. */
  ERROR = "error",
}
