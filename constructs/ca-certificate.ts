import { Annotations, TerraformOutput, TerraformProvider, TerraformStack, Token } from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";
import { CaCertificateInfo, inspectCaCertificate } from "./inspect-ca-certificate";
import { isKnownSlbRegion } from "./regions";
import { validateTags } from "./validate-tags";
import { validateCaCertificateName, validateResourceGroupId } from "./validate-name";
import { CaCertificateValidationError, ValidationProblem } from "./validation-error";

/** An SLB CA certificate: one declared here, or one that already exists. */
export interface ICaCertificate extends IConstruct {
  /**
   * The CA certificate's ID (`CACertificateId`), for `alicloud_slb_listener.ca_certificate_id`.
   * @attribute
   */
  readonly caCertificateId: string;
  /**
   * SHA-1 fingerprint, lowercase hex pairs joined by ":", as SLB reports it.
   * @attribute
   */
  readonly fingerprint: string;
}

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
   * letter or a Chinese character; then letters, digits, ".", "_" and "-".
   * Renaming happens in place.
   * @default - SLB assigns none
   */
  readonly caCertificateName?: string;
  /**
   * The resource group (`rg-...`). Changing it replaces the certificate.
   * @default - the account's default resource group
   */
  readonly resourceGroupId?: string;
  /**
   * Tags: at most 20; keys 1 to 128 characters, values 0 to 128, neither
   * starting with "acs:" or "aliyun" nor containing "http://" or "https://".
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
   * Add Terraform outputs `<id>_ca_certificate_id`, `<id>_fingerprint`,
   * `<id>_fingerprint_sha256` and `<id>_expire_time`, where `<id>` is the
   * construct's path below its stack with "/" and other characters Terraform
   * does not allow in names replaced by "_".
   * @default true
   */
  readonly outputs?: boolean;
}

/** Options of {@link CaCertificate.fromCaCertificateId}. */
export interface CaCertificateLookupOptions {
  /**
   * The provider (region) the certificate lives in.
   * @default - the stack's default alicloud provider
   */
  readonly provider?: TerraformProvider;
}

/** Characters Terraform allows in an output name, after the first. */
function outputPrefix(construct: IConstruct): string {
  const stackPath = TerraformStack.of(construct).node.path;
  const relative = construct.node.path.slice(stackPath.length).replace(/^\//, "");
  const prefix = relative.replace(/[^A-Za-z0-9_-]/g, "_");
  return /^[A-Za-z_]/.test(prefix) ? prefix : `_${prefix}`;
}

function isAlicloudProvider(construct: IConstruct): construct is TerraformProvider {
  return construct instanceof TerraformProvider && construct.terraformResourceType === "alicloud";
}

/** The provider a certificate uploads with: the explicit one, or the stack's default alicloud provider. */
function findProvider(scope: IConstruct, explicit?: TerraformProvider): TerraformProvider | undefined {
  if (explicit) return explicit;
  const providers = TerraformStack.of(scope).node.findAll().filter(isAlicloudProvider);
  return providers.find((p) => p.alias === undefined) ?? undefined;
}

/**
 * Reads the fingerprint and facts SLB reports for a certificate ID, through the
 * `alicloud_slb_ca_certificates` data source. Values are known at deploy time.
 */
function lookupById(scope: Construct, id: string, caCertificateId: string, provider?: TerraformProvider) {
  const data = new DataAlicloudSlbCaCertificates(scope, id, { ids: [caCertificateId], provider });
  return data.certificates.get(0);
}

/**
 * An Alibaba Cloud SLB (CLB) CA certificate, for HTTPS listeners with mutual
 * TLS. Validates at synth everything UploadCACertificate would refuse and
 * everything that would weaken client authentication; knows the fingerprint
 * before deploy.
 *
 * @example
 * const ca = new CaCertificate(stack, "ClientCa", {
 *   caCertificate: fs.readFileSync("certs/client-ca.pem", "utf8"),
 *   caCertificateName: "client-ca",
 *   tags: { owner: "platform" },
 * });
 * new SlbListener(stack, "Https", { ..., caCertificateId: ca.caCertificateId });
 */
export class CaCertificate extends Construct implements ICaCertificate {
  /**
   * Refers to a CA certificate that already exists, by its ID. Its fingerprint
   * is read from SLB at deploy time.
   */
  public static fromCaCertificateId(
    scope: Construct,
    id: string,
    caCertificateId: string,
    options: CaCertificateLookupOptions = {},
  ): ICaCertificate {
    return new ExistingCaCertificate(scope, id, caCertificateId, options.provider);
  }

  /** @attribute */
  public readonly caCertificateId: string;
  /** SHA-1 fingerprint; a plain string known at synth unless the PEM is a token. @attribute */
  public readonly fingerprint: string;
  /** SHA-256 fingerprint; undefined when the PEM is a token (SLB does not report it). @attribute */
  public readonly fingerprintSha256?: string;
  /** The subject's common name. @attribute */
  public readonly commonName: string;
  /** Expiry as ISO 8601 UTC without milliseconds, like SLB's `ExpireTime`. @attribute */
  public readonly expireTime: string;
  /** Expiry in milliseconds since the epoch, like SLB's `ExpireTimeStamp`. @attribute */
  public readonly expireTimeStamp: number;
  /** Everything read from the PEM; undefined when the PEM is a token. */
  public readonly info?: CaCertificateInfo;
  /** The wrapped `alicloud_slb_ca_certificate`, for escape hatches. */
  public readonly resource: SlbCaCertificate;
  /** The tags as given (after validation). */
  public readonly tags: { readonly [key: string]: string };
  /** The name as given. */
  public readonly caCertificateName?: string;
  /** The resource group as given. */
  public readonly resourceGroupId?: string;

  /**
   * @throws CaCertificateValidationError listing every problem with the props, prefixed with this construct's path
   */
  constructor(scope: Construct, id: string, props: CaCertificateProps) {
    super(scope, id);
    const pemIsToken = typeof props.caCertificate === "string" && Token.isUnresolved(props.caCertificate);
    const problems: ValidationProblem[] = [
      ...validateTags(props.tags),
      ...validateCaCertificateName(props.caCertificateName),
      ...validateResourceGroupId(props.resourceGroupId),
    ];
    let info: CaCertificateInfo | undefined;
    if (!pemIsToken) {
      try {
        info = inspectCaCertificate(props.caCertificate, { expiryWarningDays: props.expiryWarningDays });
      } catch (error) {
        if (!(error instanceof CaCertificateValidationError)) throw error;
        problems.push(...error.problems);
      }
    }
    if (problems.length > 0) {
      // Leave the tree as it was: a caller that catches the error can still synth the rest.
      scope.node.tryRemoveChild(id);
      throw new CaCertificateValidationError(problems, this.node.path);
    }

    this.info = info;
    this.tags = props.tags ?? {};
    this.caCertificateName = props.caCertificateName;
    this.resourceGroupId = props.resourceGroupId;
    this.resource = new SlbCaCertificate(this, "Resource", {
      caCertificate: info ? info.pem : props.caCertificate,
      caCertificateName: props.caCertificateName,
      resourceGroupId: props.resourceGroupId,
      tags: props.tags,
      provider: props.provider,
      // A certificate still bound to a listener cannot be deleted
      // (CertificateAndPrivateKeyIsRefered): create the new one, repoint, then delete.
      lifecycle: { createBeforeDestroy: true },
    });
    this.caCertificateId = this.resource.id;

    if (info) {
      this.fingerprint = info.fingerprint;
      this.fingerprintSha256 = info.fingerprintSha256;
      this.commonName = info.commonName;
      this.expireTime = info.expireTime;
      this.expireTimeStamp = info.expireTimeStamp;
      for (const warning of info.warnings) Annotations.of(this).addWarning(`${warning.code}: ${warning.message}`);
    } else {
      const reported = lookupById(this, "Lookup", this.resource.id, props.provider);
      this.fingerprint = reported.fingerprint;
      this.commonName = reported.commonName;
      this.expireTime = reported.expiredTime;
      this.expireTimeStamp = reported.expiredTimestamp;
      Annotations.of(this).addWarning(
        "CACertificate.ContentNotChecked: the PEM is a token resolved at deploy time, so its content was not validated at synth; the fingerprint is read from SLB after upload.",
      );
    }

    if (props.outputs ?? true) this.addOutputs();
    this.node.addValidation({ validate: () => this.validateProvider(props.provider) });
  }

  private addOutputs(): void {
    const prefix = outputPrefix(this);
    const add = (id: string, value: string, description: string) => {
      const output = new TerraformOutput(this, id, { value, description });
      output.overrideLogicalId(`${prefix}_${id}`);
    };
    add("ca_certificate_id", this.caCertificateId, `ID of the SLB CA certificate ${this.node.path}`);
    add("fingerprint", this.fingerprint, `SHA-1 fingerprint of the SLB CA certificate ${this.node.path}`);
    if (this.fingerprintSha256 !== undefined) {
      add("fingerprint_sha256", this.fingerprintSha256, `SHA-256 fingerprint of the SLB CA certificate ${this.node.path}`);
    }
    add("expire_time", this.expireTime, `Expiry (UTC) of the SLB CA certificate ${this.node.path}`);
  }

  /** The upload needs a region (the API's RegionId), which comes from the alicloud provider. */
  private validateProvider(explicit?: TerraformProvider): string[] {
    const provider = findProvider(this, explicit);
    if (!provider) {
      return [
        'CACertificate.NoProvider: the stack has no alicloud provider, so the upload has no region. Add one: new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" }).',
      ];
    }
    const region = (provider as TerraformProvider & { region?: string }).region;
    if (region === undefined) {
      return [
        `CACertificate.NoRegion: the alicloud provider ${provider.node.path} sets no region; SLB needs one (RegionId). Set region, e.g. region: process.env.ALICLOUD_REGION ?? "cn-hangzhou".`,
      ];
    }
    if (!Token.isUnresolved(region) && !isKnownSlbRegion(region)) {
      Annotations.of(this).addWarning(
        `CACertificate.UnknownRegion: region ${JSON.stringify(region)} is not a known SLB region; check its spelling (e.g. "cn-hangzhou", "ap-southeast-1").`,
      );
    }
    return [];
  }
}

/** A CA certificate that exists already; its fingerprint is looked up on first use. */
class ExistingCaCertificate extends Construct implements ICaCertificate {
  public readonly caCertificateId: string;
  private readonly provider?: TerraformProvider;
  private lookedUpFingerprint?: string;

  constructor(scope: Construct, id: string, caCertificateId: string, provider?: TerraformProvider) {
    super(scope, id);
    this.caCertificateId = caCertificateId;
    this.provider = provider;
  }

  public get fingerprint(): string {
    // Only a consumer that needs the fingerprint pays for the data source.
    this.lookedUpFingerprint ??= lookupById(this, "Lookup", this.caCertificateId, this.provider).fingerprint;
    return this.lookedUpFingerprint;
  }
}
