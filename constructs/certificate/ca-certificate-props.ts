import { TerraformProvider } from "cdktf";

/** Properties of a {@link CaCertificate}. */
export interface CaCertificateProps {
  /**
   * The CA certificate in PEM: exactly one `CERTIFICATE` block, RSA 2048 or 4096,
   * CA:TRUE, valid now. CRLF line ends, other line widths and surrounding
   * whitespace are accepted and normalized. Any change replaces the certificate.
   * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/user-guide/certificate-requirements
   */
  readonly caCertificate: string;
  /**
   * The name shown in the console: 1 to 80 characters, starting with an English
   * letter or a Chinese character (U+4E00 to U+9FA5); then those, digits, ".",
   * "_" and "-". Renaming happens in place.
   * @default - SLB assigns none
   */
  readonly caCertificateName?: string;
  /**
   * The resource group (`rg-...`). Changing it replaces the certificate.
   * @default - the account's default resource group
   */
  readonly resourceGroupId?: string;
  /**
   * Tags: at most 20; keys 1 to 64 characters, values 0 to 128, neither
   * starting with "acs:" or "aliyun" nor containing "http://" or "https://".
   * The provider sends them with TagResources after the upload, so its rules
   * apply (UploadCACertificate's own reference allows 128-character keys).
   * @see https://www.alibabacloud.com/help/en/slb/classic-load-balancer/developer-reference/api-slb-2014-05-15-tagresources
   * @default - no tags
   */
  readonly tags?: { [key: string]: string };
  /**
   * Warn at synth when the certificate expires within this many days.
   * @default 30
   */
  readonly expiryWarningDays?: number;
  /**
   * The alicloud provider (and so the region) to upload to.
   * @default - the stack's alicloud provider without an alias
   */
  readonly provider?: TerraformProvider;
  /**
   * Append "-" and the first 8 hex digits of the SHA-1 fingerprint to
   * `caCertificateName`. A rotation creates the new certificate before it
   * deletes the old one, so for a while both exist: with the suffix their names
   * never collide, whether or not SLB requires unique names per region (its
   * documentation does not say). Ignored when the PEM is a token.
   * @default true
   */
  readonly uniqueName?: boolean;
  /**
   * Adopt a CA certificate that already exists (uploaded by hand) instead of
   * uploading a new one: its ID. Adds a Terraform import block, and, because
   * the provider never reads `ca_certificate` back, ignores changes of
   * `ca_certificate` and checks instead at plan that SLB's fingerprint of that
   * certificate equals this PEM's. Keep it while the certificate lives; to
   * rotate, change the PEM and remove this property.
   * @default - upload a new certificate
   */
  readonly importFrom?: string;
  /**
   * Add Terraform outputs `<id>_ca_certificate_id`, `<id>_fingerprint`,
   * `<id>_fingerprint_sha256` and `<id>_expire_time`, where `<id>` is the
   * construct's path below its stack with "/" and other characters Terraform
   * does not allow in names replaced by "_".
   * @default true
   */
  readonly outputs?: boolean;
  /**
   * Sample client certificates of your own (public parts only), to prove at
   * synth that a listener trusting this CA accepts them: each a PEM text of the
   * client certificate, followed by the intermediates the client sends. Each
   * must chain to this CA (names, key identifiers, signatures), be valid now,
   * allow clientAuth and digitalSignature; each intermediate must be a CA with
   * keyCertSign. Failures are `ClientCertificate.*` errors; a CA that expires
   * before a sample gets the warning `CACertificate.ExpiresBeforeClients`.
   * @default - no client is checked
   */
  readonly clientCertificates?: string[];
  /**
   * Warn at every plan when SLB holds a CA certificate with this one's name and
   * resource group (and fingerprint, when the name has no uniqueness suffix)
   * that is not the one in state: an orphan, left by a deploy that died after
   * the upload or uploaded by hand, or another app's certificate of the same
   * name, which SLB cannot tell apart. The warning (`CACertificate.Orphan`, from
   * a Terraform check block) names each one's ID as one that may be an orphan,
   * says how to tell, and gives the commands for each case. Two certificates of
   * one app with the same name, region and resource group, uploaded with one
   * provider or providers with the same literal account settings, are the
   * synth error `CACertificate.DuplicateName`. A rotation's old certificate, current or
   * deposed, is never named. Costs one DescribeCACertificates call per
   * plan, shared by every CaCertificate of the stack in the same region. SLB is
   * read at plan: while this certificate is being created or replaced, its ID is
   * not known then, and the check reports at the end of the apply; an orphan
   * that an apply itself leaves (a lost response) is named from the next plan
   * on. Needs `caCertificateName`.
   * @default true
   */
  readonly orphanCheck?: boolean;
}

/** Options of {@link CaCertificate.fromCaCertificateId}. */
export interface CaCertificateIdOptions {
  /**
   * The provider (region) the certificate lives in; used when its fingerprint is looked up.
   * @default - the stack's default alicloud provider
   */
  readonly provider?: TerraformProvider;
}
