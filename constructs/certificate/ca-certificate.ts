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
import { CaCertificateInfo, inspectCa, inspectOptionProblems } from "../x509/inspect-ca-certificate";
import { lookupAdopted, lookupCaCertificate } from "../references/lookup-ca-certificate";
import { claimOutputNames } from "./output-name-registry";
import { CaCertificateOutputNames, caCertificateOutputNames, pathBelowStack } from "../references/output-names";
import { PemFile } from "../x509/pem-file";
import { isKnownSlbRegion } from "./regions";
import { RuleProblem, problem, ruleMessage } from "../problems";
import { validateTags } from "./validate-tags";
import { validateImportFrom } from "./validate-import-from";
import { nameProblems, physicalName, validateResourceGroupId } from "./validate-name";
import { CaCertificateIdOptions, CaCertificateProps } from "./ca-certificate-props";
import { CaCertificateValidationError } from "../errors";
import { ValidationProblem } from "../problems";
import { ClientVerification, VerifyClientOptions } from "../x509/verify-client";
import { CaCertificateValidator } from "./ca-certificate-validator";
import { clientCertificateFindings } from "./client-certificates-prop";
import { FingerprintSource, addOrphanCheck } from "./orphan-check";
import { claimOrphanCheckName } from "./orphan-check-siblings";

/**
 * An Alibaba Cloud SLB (CLB) CA certificate, for HTTPS listeners with mutual
 * TLS. Validates at synth everything UploadCACertificate would refuse and
 * everything that would weaken client authentication; knows the fingerprint
 * before deploy.
 *
 * @example
 * const ca = new CaCertificate(stack, "ClientCa", {
 *   caCertificate: PemFile.read("certs/client-ca.pem"),
 *   caCertificateName: "client-ca",
 *   tags: { owner: "platform" },
 * });
 * new SlbListener(stack, "Https", { ..., caCertificateId: ca.caCertificateId });
 */
export class CaCertificate extends Construct implements ICaCertificate {
  /**
   * Reads a PEM file, safely: a missing file, a directory, a device or FIFO, or anything over 64 KiB is refused with one line naming the path.
   * @param path the file, absolute or relative to the working directory
   * @returns the file's text, without a leading UTF-8 byte-order mark (Windows editors write one); its content is judged by the construct
   * @throws CaCertificateFileError (TypeScript; elsewhere an error of that name)
   * @deprecated since 0.3: use `PemFile.read(path)`, which is not tied to CA certificates; removed in 0.4
   */
  public static readPemFile(path: string): string {
    return PemFile.read(path);
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
   * Verifies a client certificate against a CA without a construct.
   * @param caPem the CA certificate in PEM
   * @param clientPem the client certificate in PEM, followed by the intermediates it sends
   * @param options when validity is judged, and what messages call the sample
   * @deprecated since 0.3: use `CaCertificateValidator.verifyClient(caPem, clientPem, options)`, with the other checks that need no construct; removed in 0.4
   */
  public static verifyClient(caPem: string, clientPem: string, options: VerifyClientOptions = {}): ClientVerification {
    return CaCertificateValidator.verifyClient(caPem, clientPem, options);
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
    // A number token is a huge negative double: the plain check would show that number.
    const daysIsToken = typeof props.expiryWarningDays === "number" && Token.isUnresolved(props.expiryWarningDays);
    const expiryWarningDays = daysIsToken ? undefined : props.expiryWarningDays;
    // The CA is parsed here, once: its facts, its problems, and the CA the client checks read.
    const inspection = pemIsToken ? undefined : inspectCa(props.caCertificate, { expiryWarningDays });
    const pemProblems: RuleProblem[] = [
      ...(daysIsToken
        ? [
            problem(
              "InvalidParam.ExpiryWarningDays",
              "expiryWarningDays is a token; the expiry warning is decided at synth, so it needs a literal number of days, 0 or more.",
            ),
          ]
        : []),
      // The PEM of a token is not read, but a bad threshold is still the user's mistake to hear about.
      ...(inspection?.problems ?? inspectOptionProblems({ expiryWarningDays })),
    ];
    const info = inspection?.info;
    const name = physicalName(props.caCertificateName, info?.fingerprint, props.uniqueName);
    const clients = clientCertificateFindings(inspection, props.clientCertificates);
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
    if (name !== undefined) {
      const orphanCheck = props.orphanCheck ?? true;
      const byNameAlone = name !== props.caCertificateName;
      if (orphanCheck) addOrphanCheck(this, this.slbCaCertificate, props.provider, byNameAlone ? { kind: "in-name" } : fingerprintOfState);
      // Also without a check of its own: another certificate's check would still take this one's for an orphan.
      claimOrphanCheckName({
        owner: this,
        name,
        resourceGroupId: props.resourceGroupId,
        provider: () => findProvider(this, this.explicitProvider),
        fingerprint: info?.fingerprint,
        byNameAlone,
        orphanCheck,
      });
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
