/**
 * The references to SLB CA certificates that are not declared in this app,
 * behind `CaCertificate.fromCaCertificateId`, `fromRemoteState` and
 * `fromLookup`: their internal base and the three classes (the interfaces
 * they return and their options are in ca-certificate-interfaces.ts). The
 * classes stay internal (not exported from the package), as aws-cdk-lib keeps
 * its `Import` classes private.
 */
import { DataTerraformRemoteStateLocal, DataTerraformRemoteStateOss, TerraformProvider, TerraformRemoteState, Token } from "cdktf";
import { Construct } from "constructs";
import { DataAlicloudSlbCaCertificates } from "../../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
import {
  CaCertificateLookupOptions,
  CaCertificateRemoteStateOptions,
  ICaCertificate,
  ILookedUpCaCertificate,
  IRemoteStateCaCertificate,
} from "./ca-certificate-interfaces";
import { lookupExactlyOne } from "./lookup-ca-certificate";
import { caCertificateOutputNames } from "./output-names";
import { CaCertificateValidationError } from "../errors";
import { showValue } from "../problems";

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
