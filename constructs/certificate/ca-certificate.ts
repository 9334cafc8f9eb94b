import { Annotations, TerraformOutput, TerraformProvider, TerraformResource, Token } from "cdktf";
import { Construct } from "constructs";
import { SlbCaCertificate } from "../../.gen/providers/alicloud/slb-ca-certificate";
import {
  CaCertificateLookupOptions,
  CaCertificateRemoteStateOptions,
  ICaCertificate,
  ILookedUpCaCertificate,
  IRemoteStateCaCertificate,
} from "../references/ca-certificate-interfaces";
import { ExistingCaCertificate, LookedUpCaCertificate, RemoteStateCaCertificate } from "../references/ca-certificate-ref";
import { findProvider, regionOf } from "./default-provider";
import { CaCertificateInfo, inspectCaCertificate, inspectOptionProblems } from "../x509/inspect-ca-certificate";
import { lookupAdopted, lookupCaCertificate } from "../references/lookup-ca-certificate";
import { claimOutputNames } from "./output-name-registry";
import { CaCertificateOutputNames, caCertificateOutputNames, pathBelowStack } from "../references/output-names";
import { readPemFile } from "../x509/read-pem-file";
import { isKnownSlbRegion } from "./regions";
import { RuleProblem, problem, ruleMessage } from "../problems";
import { validateTags } from "./validate-tags";
import { validateImportFrom } from "./validate-import-from";
import { validateCaCertificateName, validateResourceGroupId } from "./validate-name";
import { CaCertificateValidationError } from "../errors";
import { ValidationProblem } from "../problems";
import { ClientVerification, VerifyClientOptions, verifyClient } from "../x509/verify-client";
import { clientCertificateFindings } from "./client-certificates-prop";
import { FingerprintSource, addOrphanCheck } from "./orphan-check";

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
   * the upload, or uploaded by hand. The warning (`CACertificate.Orphan`, from a
   * Terraform check block) names each orphan's ID. A rotation's old certificate,
   * current or deposed, is never one. Costs one DescribeCACertificates call per
   * plan, shared by every CaCertificate of the stack in the same region. While
   * this certificate is being created or replaced, its ID is not known at plan:
   * the check then reports at the end of the apply. Needs `caCertificateName`.
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

/** The name SLB gets: the given one, made unique per certificate content unless told otherwise. */
function physicalName(props: CaCertificateProps, info: CaCertificateInfo | undefined): string | undefined {
  if (props.caCertificateName === undefined || !info || props.uniqueName === false || Token.isUnresolved(props.caCertificateName)) {
    return props.caCertificateName;
  }
  return `${props.caCertificateName}-${info.fingerprint.replace(/:/g, "").slice(0, 8)}`;
}

/** The given name's problems; if it is fine, the problems of the name with its suffix (only its length can fail). */
function nameProblems(given: string | undefined, final: string | undefined): ValidationProblem[] {
  const own = validateCaCertificateName(given);
  if (own.length > 0 || final === given) return own;
  return validateCaCertificateName(final).map((p) => ({
    ...p,
    message: `${p.message} The uniqueness suffix (uniqueName) adds 9 characters: shorten the name to at most 71, or set uniqueName: false.`,
  }));
}

/**
 * An Alibaba Cloud SLB (CLB) CA certificate, for HTTPS listeners with mutual
 * TLS. Validates at synth everything UploadCACertificate would refuse and
 * everything that would weaken client authentication; knows the fingerprint
 * before deploy.
 *
 * @example
 * const ca = new CaCertificate(stack, "ClientCa", {
 *   caCertificate: CaCertificate.readPemFile("certs/client-ca.pem"),
 *   caCertificateName: "client-ca",
 *   tags: { owner: "platform" },
 * });
 * new SlbListener(stack, "Https", { ..., caCertificateId: ca.caCertificateId });
 */
export class CaCertificate extends Construct implements ICaCertificate {
  /**
   * Reads a PEM file for `caCertificate`, safely: a missing file, a directory, a device or FIFO, or anything over 64 KiB is refused with one line naming the path.
   * @param path the file, absolute or relative to the working directory
   * @returns the file's text, without a leading UTF-8 byte-order mark (Windows editors write one); its content is judged by the construct
   * @throws CaCertificateFileError (TypeScript; elsewhere an error of that name)
   */
  public static readPemFile(path: string): string {
    return readPemFile(path);
  }

  /**
   * Refers to a CA certificate that already exists, by its ID. Its fingerprint
   * is read from SLB at deploy time, and only when used; then the plan fails
   * unless exactly one certificate has that ID.
   * @param scope where the reference lives
   * @param id the reference's construct id
   * @param caCertificateId the certificate's ID (`CACertificateId`); may be a token; an empty or blank literal is refused (`CACertificate.InvalidReference`)
   * @param options the provider (region) it lives in
   */
  public static fromCaCertificateId(scope: Construct, id: string, caCertificateId: string, options: CaCertificateIdOptions = {}): ICaCertificate {
    return new ExistingCaCertificate(scope, id, caCertificateId, options.provider);
  }

  /**
   * Refers to a CA certificate declared by another cdktf app (or another
   * repository), through the outputs it left in its Terraform state: local or OSS.
   * Use this when the producer is code you do not synthesize.
   * @param scope where the reference lives
   * @param id the reference's construct id
   * @param options the producing certificate's path below its stack, and exactly one backend: local or OSS
   */
  public static fromRemoteState(scope: Construct, id: string, options: CaCertificateRemoteStateOptions): IRemoteStateCaCertificate {
    return new RemoteStateCaCertificate(scope, id, options);
  }

  /**
   * Finds a CA certificate in SLB by ID or exact name (data source
   * `alicloud_slb_ca_certificates`) and exposes what SLB reports about it.
   * Use this when no Terraform state of the producer is readable, e.g. a
   * certificate uploaded by hand or by another tool.
   * @param scope where the reference lives
   * @param id the reference's construct id
   * @param options exactly one of the ID or the name, and the provider (region)
   */
  public static fromLookup(scope: Construct, id: string, options: CaCertificateLookupOptions): ILookedUpCaCertificate {
    return new LookedUpCaCertificate(scope, id, options);
  }

  /**
   * Verifies a client certificate against a CA without a construct, as
   * `clientCertificates` does, for pipelines and other languages: the CA's own
   * problems (messages starting with "the CA:"), then the client's.
   * @param caPem the CA certificate in PEM
   * @param clientPem the client certificate in PEM, followed by the intermediates it sends
   * @param options when validity is judged, and what messages call the sample
   */
  public static verifyClient(caPem: string, clientPem: string, options: VerifyClientOptions = {}): ClientVerification {
    return verifyClient(caPem, clientPem, options);
  }

  /**
   * The names of the Terraform outputs a CaCertificate adds (prop `outputs`):
   * its path below its stack with "/" and every character Terraform does not
   * allow in a name replaced by "_", then `_ca_certificate_id`,
   * `_fingerprint`, `_fingerprint_sha256` and `_expire_time`.
   * @param path the construct's path below its stack, e.g. "ClientCa" or "team-a/ClientCa"
   */
  public static outputNames(path: string): CaCertificateOutputNames {
    return caCertificateOutputNames(path);
  }

  private idToken?: string;
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
  /** The wrapped `alicloud_slb_ca_certificate`, with its binding's types. */
  private readonly slbCaCertificate: SlbCaCertificate;
  /** The tags as given (after validation). */
  public readonly tags: { readonly [key: string]: string };
  /** The name SLB gets: `declaredName` plus the uniqueness suffix, unless `uniqueName` is false. */
  public readonly caCertificateName?: string;
  /** The name as given in the props. */
  public readonly declaredName?: string;
  /** The resource group as given. */
  public readonly resourceGroupId?: string;
  private readonly explicitProvider?: TerraformProvider;

  /**
   * @param scope the stack, or a construct in it, that holds the certificate
   * @param id the construct id; with the path below the stack, it names the outputs
   * @param props the PEM, name, tags and the rest
   * @throws CaCertificateValidationError listing every problem with the props, prefixed with this construct's path
   */
  constructor(scope: Construct, id: string, props: CaCertificateProps) {
    super(scope, id);
    const pemIsToken = typeof props.caCertificate === "string" && Token.isUnresolved(props.caCertificate);
    let info: CaCertificateInfo | undefined;
    let pemProblems: ValidationProblem[] = [];
    // A number token is a huge negative double: the plain check would show that number.
    const daysIsToken = typeof props.expiryWarningDays === "number" && Token.isUnresolved(props.expiryWarningDays);
    const expiryWarningDays = daysIsToken ? undefined : props.expiryWarningDays;
    if (!pemIsToken) {
      try {
        info = inspectCaCertificate(props.caCertificate, { expiryWarningDays });
      } catch (error) {
        if (!(error instanceof CaCertificateValidationError)) throw error;
        pemProblems = error.problems;
      }
    } else {
      // The PEM is not read, but a bad threshold is still the user's mistake to hear about.
      pemProblems = inspectOptionProblems({ expiryWarningDays });
    }
    if (daysIsToken) {
      const tokenDays: RuleProblem = {
        code: "InvalidParam.ExpiryWarningDays",
        message: "expiryWarningDays is a token; the expiry warning is decided at synth, so it needs a literal number of days, 0 or more.",
      };
      pemProblems = [tokenDays, ...pemProblems];
    }
    const name = physicalName(props, info);
    const clients = clientCertificateFindings(props.caCertificate, props.clientCertificates);
    const problems: ValidationProblem[] = [
      ...validateTags(props.tags),
      ...nameProblems(props.caCertificateName, name),
      ...validateResourceGroupId(props.resourceGroupId),
      ...validateImportFrom(props.importFrom),
      ...pemProblems,
      ...clients.problems,
    ];
    if (problems.length > 0) {
      // Leave the tree as it was: a caller that catches the error can still synth the rest.
      scope.node.tryRemoveChild(id);
      throw new CaCertificateValidationError(problems, this.node.path);
    }

    this.info = info;
    this.tags = props.tags ?? {};
    this.caCertificateName = name;
    this.declaredName = props.caCertificateName;
    this.explicitProvider = props.provider;
    this.resourceGroupId = props.resourceGroupId;
    this.slbCaCertificate = new SlbCaCertificate(this, "Resource", {
      caCertificate: info ? info.pem : props.caCertificate,
      caCertificateName: name,
      resourceGroupId: props.resourceGroupId,
      tags: props.tags,
      provider: props.provider,
      // A certificate still bound to a listener cannot be deleted
      // (CertificateAndPrivateKeyIsRefered): create the new one, repoint, then delete.
      lifecycle: { createBeforeDestroy: true, ignoreChanges: props.importFrom !== undefined ? ["ca_certificate"] : undefined },
    });
    if (props.importFrom !== undefined) this.adopt(props.importFrom, props.provider);

    let fingerprintOfState: FingerprintSource | undefined;

    if (info) {
      this.fingerprint = info.fingerprint;
      this.fingerprintSha256 = info.fingerprintSha256;
      this.commonName = info.commonName;
      this.expireTime = info.expireTime;
      this.expireTimeStamp = info.expireTimeStamp;
      for (const warning of info.warnings) Annotations.of(this).addWarning(ruleMessage(warning));
      fingerprintOfState = { kind: "literal", fingerprint: info.fingerprint };
    } else {
      const { data, entry: reported, fingerprint } = lookupCaCertificate(this, "Lookup", { caCertificateId: this.caCertificateId, provider: props.provider });
      fingerprintOfState = { kind: "lookup", lookup: data };
      this.fingerprint = fingerprint;
      this.commonName = reported.commonName;
      this.expireTime = reported.expiredTime;
      this.expireTimeStamp = reported.expiredTimestamp;
      Annotations.of(this).addWarning(
        ruleMessage(
          problem(
            "CACertificate.ContentNotChecked",
            "the PEM is a token resolved at deploy time, so its content was not validated at synth; the fingerprint is read from SLB after upload.",
          ),
        ),
      );
    }

    for (const warning of clients.warnings) Annotations.of(this).addWarning(ruleMessage(warning));
    if (props.caCertificateName !== undefined && (props.orphanCheck ?? true)) {
      addOrphanCheck(this, this.slbCaCertificate, props.provider, name !== props.caCertificateName ? { kind: "in-name" } : fingerprintOfState);
    }
    if (props.outputs ?? true) {
      // The id token made here, not in addOutputs through the getter: cdktf captures the
      // whole stack for every token, and each frame less is time saved per certificate.
      this.idToken ??= this.slbCaCertificate.id;
      this.addOutputs(this.idToken);
    }
    this.node.addValidation({ validate: () => this.validateProvider() });
  }

  /**
   * The wrapped `alicloud_slb_ca_certificate` (construct id `Resource`), for
   * escape hatches (`addOverride`, `lifecycle`). Typed as cdktf's
   * TerraformResource: other languages bring their own alicloud bindings from
   * `cdktf get`, whose classes this library's cannot be. In TypeScript,
   * `ca.resource as SlbCaCertificate` gives the binding's own members.
   */
  public get resource(): TerraformResource {
    return this.slbCaCertificate;
  }

  /**
   * The CA certificate's ID, for `alicloud_slb_listener.ca_certificate_id`: a token of the resource's `id`.
   * @attribute
   */
  public get caCertificateId(): string {
    // Made on first use: cdktf captures a full stack trace for every token, which is a
    // noticeable share of synth time with thousands of certificates (bench/README.md).
    this.idToken ??= this.slbCaCertificate.id;
    return this.idToken;
  }

  /**
   * The region the certificate is uploaded to: the `region` of its provider
   * (the explicit one, or the stack's default alicloud provider) as it is now;
   * undefined when there is none yet.
   */
  public get region(): string | undefined {
    const provider = findProvider(this, this.explicitProvider);
    return provider && regionOf(provider);
  }

  /** Imports the existing certificate; the plan fails if SLB's fingerprint of it differs from this PEM's. */
  private adopt(caCertificateId: string, provider?: TerraformProvider): void {
    this.slbCaCertificate.importFrom(caCertificateId, provider);
    if (!this.info) return;
    lookupAdopted(this, caCertificateId, this.info.fingerprint, provider);
  }

  private addOutputs(caCertificateId: string): void {
    const names = caCertificateOutputNames(pathBelowStack(this));
    claimOutputNames(this, names.caCertificateId.replace(/_ca_certificate_id$/, ""), Object.values(names));
    const add = (name: string, value: string, description: string) => {
      new TerraformOutput(this, name, { value, description }).overrideLogicalId(name);
    };
    add(names.caCertificateId, caCertificateId, `ID of the SLB CA certificate ${this.node.path}`);
    add(names.fingerprint, this.fingerprint, `SHA-1 fingerprint of the SLB CA certificate ${this.node.path}`);
    if (this.fingerprintSha256 !== undefined) {
      add(names.fingerprintSha256, this.fingerprintSha256, `SHA-256 fingerprint of the SLB CA certificate ${this.node.path}`);
    }
    add(names.expireTime, this.expireTime, `Expiry (UTC) of the SLB CA certificate ${this.node.path}`);
  }

  /** The upload needs a region (the API's RegionId), which comes from the alicloud provider. */
  private validateProvider(): string[] {
    const provider = findProvider(this, this.explicitProvider);
    if (!provider) {
      return [
        ruleMessage(
          problem(
            "CACertificate.NoProvider",
            'the stack has no alicloud provider, so the upload has no region. Add one: new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" }).',
          ),
        ),
      ];
    }
    const region = regionOf(provider);
    if (region === undefined) {
      return [
        ruleMessage(
          problem(
            "CACertificate.NoRegion",
            `the alicloud provider ${provider.node.path} sets no region; SLB needs one (RegionId). Set region, e.g. region: process.env.ALICLOUD_REGION ?? "cn-hangzhou".`,
          ),
        ),
      ];
    }
    if (!Token.isUnresolved(region) && !isKnownSlbRegion(region)) {
      Annotations.of(this).addWarning(
        ruleMessage(
          problem(
            "CACertificate.UnknownRegion",
            `region ${JSON.stringify(region)} is not a known SLB region; check its spelling (e.g. "cn-hangzhou", "ap-southeast-1").`,
          ),
        ),
      );
    }
    return [];
  }
}
