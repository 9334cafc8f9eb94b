import { UnresolvedPemAction } from "./unresolved-pem-action";

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
   * A regular expression in RE2 syntax (no backreferences or lookaround) that the
   * whole declared name (before the uniqueness suffix) must match: "prod" accepts
   * only "prod"; write "prod-.*" for a prefix. A certificate without a name is refused.
   * @see https://github.com/google/re2/wiki/Syntax
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
   * What to do with a certificate whose PEM is a token (known only at deploy):
   * skip the content rules with a warning, or report an error. In a policy
   * file, the enum's value: "skip" or "error".
   * @default UnresolvedPemAction.SKIP
   */
  readonly unresolvedPem?: UnresolvedPemAction;
}
