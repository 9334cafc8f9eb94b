/**
 * The references to SLB CA certificates that are not declared in this app,
 * behind `CaCertificate.fromCaCertificateId`, `fromRemoteState` and
 * `fromLookup`: the interfaces they return, their options, their internal
 * base, and the three classes. The classes stay internal (not exported from
 * the package), as aws-cdk-lib keeps its `Import` classes private.
 */
import {
  DataTerraformRemoteStateLocal,
  DataTerraformRemoteStateLocalConfig,
  DataTerraformRemoteStateOss,
  DataTerraformRemoteStateOssConfig,
  TerraformProvider,
  TerraformRemoteState,
  Token,
} from "cdktf";
import { Construct, IConstruct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import { lookupExactlyOne } from "./lookup-ca-certificate";
import { caCertificateOutputNames } from "./output-names";
import { CaCertificateValidationError, showValue } from "./validation-error";

/** An SLB CA certificate: one declared in this app, one in another app's state, or one found in the cloud. */
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

/** A CA certificate whose facts come from SLB itself (see {@link CaCertificate.fromLookup}). */
export interface ILookedUpCaCertificate extends ICaCertificate {
  /** The name SLB holds. @attribute */
  readonly caCertificateName: string;
  /** The subject's common name, as SLB reports it. @attribute */
  readonly commonName: string;
  /** Expiry as SLB reports it (`ExpireTime`). @attribute */
  readonly expireTime: string;
  /** Expiry in milliseconds since the epoch (`ExpireTimeStamp`). @attribute */
  readonly expireTimeStamp: number;
}

/** A CA certificate read from another app's Terraform state (see {@link CaCertificate.fromRemoteState}). */
export interface IRemoteStateCaCertificate extends ICaCertificate {
  /**
   * SHA-256 fingerprint, from the producer's `<path>_fingerprint_sha256` output.
   * A producer whose PEM is a token has no such output (its content is not known
   * at synth): using this attribute then fails the consumer's plan with Terraform's
   * "Unsupported attribute". Use `fingerprint` (SHA-1), which every producer has.
   * @attribute
   */
  readonly fingerprintSha256: string;
  /** Expiry (ISO 8601 UTC), from the producer's `<path>_expire_time` output. @attribute */
  readonly expireTime: string;
  /** The remote-state data source, for the producer's other outputs. */
  readonly remoteState: TerraformRemoteState;
}

/** Where {@link CaCertificate.fromRemoteState} reads the producing stack's outputs. Set exactly one backend. */
export interface CaCertificateRemoteStateOptions {
  /**
   * The producing CaCertificate's path below its stack, e.g. "ClientCa": it names the outputs
   * (`ClientCa_ca_certificate_id`, `ClientCa_fingerprint`, ...).
   */
  readonly certificatePath: string;
  /**
   * The producer's local state file.
   * @default - not a local backend
   */
  readonly local?: DataTerraformRemoteStateLocalConfig;
  /**
   * The producer's OSS backend (bucket, prefix, key, region, ...), as the producer declared it.
   * @default - not an OSS backend
   */
  readonly oss?: DataTerraformRemoteStateOssConfig;
}

/** Options of {@link CaCertificate.fromLookup}: exactly one of the ID or the name. */
export interface CaCertificateLookupOptions {
  /**
   * The ID of the certificate.
   * @default - look up by name
   */
  readonly caCertificateId?: string;
  /**
   * The name of the certificate, as declared: matches that exact name, or that
   * name with the 8-hex-digit suffix a CaCertificate adds (`uniqueName`). The
   * plan fails when none, or more than one, match (e.g. mid-rotation).
   * @default - look up by ID
   */
  readonly caCertificateName?: string;
  /**
   * The provider (region) the certificate lives in.
   * @default - the stack's default alicloud provider
   */
  readonly provider?: TerraformProvider;
}

/**
 * What every reference to a CA certificate that is not declared here shares
 * (by ID, from remote state, found by lookup): its attributes, and refusing bad
 * options in the construct's own words. Those that look the certificate up in
 * SLB do so with `lookupExactlyOne` (lookup-ca-certificate.ts), whose
 * postcondition fails the plan unless exactly one certificate matches.
 * Internal, like aws-cdk-lib's `CertificateBase`: users see ICaCertificate.
 */
abstract class CaCertificateReference extends Construct implements ICaCertificate {
  public abstract readonly caCertificateId: string;
  public abstract readonly fingerprint: string;

  /**
   * Throws a CaCertificateValidationError (`CACertificate.InvalidReference`, naming the path), after leaving
   * the tree as it was: a caller that catches it can still synth the rest.
   */
  protected refuse(message: string): never {
    const path = this.node.path;
    this.node.scope?.node.tryRemoveChild(this.node.id);
    throw new CaCertificateValidationError([{ code: "CACertificate.InvalidReference", message }], path);
  }
}

/** A certificate that exists already, known by ID; its fingerprint is looked up on first use. */
export class ExistingCaCertificate extends CaCertificateReference {
  public readonly caCertificateId: string;
  private readonly provider?: TerraformProvider;
  private lookedUpFingerprint?: string;

  constructor(scope: Construct, id: string, caCertificateId: string, provider?: TerraformProvider) {
    super(scope, id);
    // An empty ID would synthesize `ca_certificate_id = ""` on a listener: client authentication silently off.
    if (!Token.isUnresolved(caCertificateId) && (typeof caCertificateId !== "string" || caCertificateId.trim() === "")) {
      this.refuse(`CaCertificate.fromCaCertificateId: caCertificateId is ${showValue(caCertificateId)}; it needs the certificate's ID, a non-empty string.`);
    }
    this.caCertificateId = caCertificateId;
    this.provider = provider;
  }

  public get fingerprint(): string {
    // Only a consumer that needs the fingerprint pays for the data source.
    this.lookedUpFingerprint ??= lookupExactlyOne(this, "CaCertificate.fromCaCertificateId", {
      caCertificateId: this.caCertificateId,
      provider: this.provider,
    }).fingerprint;
    return this.lookedUpFingerprint;
  }
}

/** A certificate declared by another app, read from that app's Terraform state outputs. */
export class RemoteStateCaCertificate extends CaCertificateReference implements IRemoteStateCaCertificate {
  public readonly caCertificateId: string;
  public readonly fingerprint: string;
  public readonly fingerprintSha256: string;
  /** Expiry (ISO 8601 UTC) from the producer's output. */
  public readonly expireTime: string;
  /** The remote-state data source, for other outputs of the producer. */
  public readonly remoteState: TerraformRemoteState;

  constructor(scope: Construct, id: string, options: CaCertificateRemoteStateOptions) {
    super(scope, id);
    if ((options.local === undefined) === (options.oss === undefined)) {
      const got = options.local === undefined ? "got neither" : "got both local and oss";
      this.refuse(`CaCertificate.fromRemoteState needs exactly one backend: local or oss (${got}).`);
    }
    if (Token.isUnresolved(options.certificatePath)) {
      this.refuse(
        `CaCertificate.fromRemoteState: certificatePath is a token (a variable or another resource's attribute); the output names are derived from it at synth, so it needs the literal path of the producing CaCertificate below its stack, e.g. "ClientCa".`,
      );
    }
    if (typeof options.certificatePath !== "string" || options.certificatePath.trim() === "") {
      this.refuse(
        `CaCertificate.fromRemoteState: certificatePath is ${showValue(options.certificatePath)}; it needs the path of the producing CaCertificate below its stack, e.g. "ClientCa".`,
      );
    }
    this.remoteState = options.oss
      ? new DataTerraformRemoteStateOss(this, "State", options.oss)
      : new DataTerraformRemoteStateLocal(this, "State", options.local!);
    const names = caCertificateOutputNames(options.certificatePath);
    this.caCertificateId = this.remoteState.getString(names.caCertificateId);
    this.fingerprint = this.remoteState.getString(names.fingerprint);
    this.fingerprintSha256 = this.remoteState.getString(names.fingerprintSha256);
    this.expireTime = this.remoteState.getString(names.expireTime);
  }
}

/** A certificate found in SLB by ID or name, with the facts SLB reports. */
export class LookedUpCaCertificate extends CaCertificateReference implements ILookedUpCaCertificate {
  public readonly caCertificateId: string;
  public readonly caCertificateName: string;
  public readonly fingerprint: string;
  public readonly commonName: string;
  public readonly expireTime: string;
  public readonly expireTimeStamp: number;
  /** The `alicloud_slb_ca_certificates` data source. */
  public readonly data: DataAlicloudSlbCaCertificates;

  constructor(scope: Construct, id: string, options: CaCertificateLookupOptions) {
    super(scope, id);
    if ((options.caCertificateId === undefined) === (options.caCertificateName === undefined)) {
      const got =
        options.caCertificateId === undefined
          ? "got neither"
          : `got both caCertificateId ${showValue(options.caCertificateId)} and caCertificateName ${showValue(options.caCertificateName)}`;
      this.refuse(`CaCertificate.fromLookup needs exactly one of caCertificateId or caCertificateName (${got}).`);
    }
    for (const [key, value] of [
      ["caCertificateId", options.caCertificateId],
      ["caCertificateName", options.caCertificateName],
    ] as const) {
      if (value !== undefined && !Token.isUnresolved(value) && (typeof value !== "string" || value.trim() === "")) {
        this.refuse(
          `CaCertificate.fromLookup: ${key} is ${showValue(value)}; it needs the certificate's ${key === "caCertificateId" ? "ID" : "name"}, a non-empty string.`,
        );
      }
    }
    if (options.caCertificateName !== undefined && Token.isUnresolved(options.caCertificateName)) {
      this.refuse(
        `CaCertificate.fromLookup: caCertificateName is a token (a variable or another resource's attribute); a name lookup needs the literal name, because the regex that matches it (with its uniqueness suffix) is built at synth. Look the certificate up by caCertificateId instead, which may be a token.`,
      );
    }
    const { data, entry, fingerprint } = lookupExactlyOne(this, "CaCertificate.fromLookup", options);
    this.data = data;
    this.caCertificateId = entry.id;
    this.caCertificateName = entry.caCertificateName;
    this.fingerprint = fingerprint;
    this.commonName = entry.commonName;
    this.expireTime = entry.expiredTime;
    this.expireTimeStamp = entry.expiredTimestamp;
  }
}
