/**
 * The interfaces of SLB CA certificates that other code consumes, and the
 * options of the references (`CaCertificate.fromRemoteState`, `fromLookup`).
 * Kept apart from the reference classes so that the lookup helper and the
 * classes can both use them without importing each other.
 */
import { DataTerraformRemoteStateLocalConfig, DataTerraformRemoteStateOssConfig, TerraformProvider, TerraformRemoteState } from "cdktf";
import { IConstruct } from "constructs";

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
