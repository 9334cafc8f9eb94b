/**
 * The names of the Terraform outputs a CaCertificate adds, and nothing else.
 * They live apart from the construct because two sides must agree on them to
 * the letter: the producer (CaCertificate, prop `outputs`) writes the outputs,
 * and a consumer in another app (`CaCertificate.fromRemoteState`) reads them
 * back by name from the producer's state.
 */
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

/** The Terraform output names a CaCertificate adds (see {@link CaCertificate.outputNames}). */
export interface CaCertificateOutputNames {
  /** The output holding the certificate's ID, `<path>_ca_certificate_id`. */
  readonly caCertificateId: string;
  /** The output holding the SHA-1 fingerprint, `<path>_fingerprint`. */
  readonly fingerprint: string;
  /** The output holding the SHA-256 fingerprint, `<path>_fingerprint_sha256` (absent when the PEM is a token). */
  readonly fingerprintSha256: string;
  /** The output holding the expiry, `<path>_expire_time`. */
  readonly expireTime: string;
}

/**
 * The output names for a CaCertificate whose path below its stack is `path`
 * (e.g. "ClientCa", or "team-a/ClientCa"): "/" and every character Terraform
 * does not allow in a name become "_". Internal: the API is {@link CaCertificate.outputNames}.
 */
export function caCertificateOutputNames(path: string): CaCertificateOutputNames {
  const safe = path.replace(/[^A-Za-z0-9_-]/g, "_");
  const prefix = /^[A-Za-z_]/.test(safe) ? safe : `_${safe}`;
  return {
    caCertificateId: `${prefix}_ca_certificate_id`,
    fingerprint: `${prefix}_fingerprint`,
    fingerprintSha256: `${prefix}_fingerprint_sha256`,
    expireTime: `${prefix}_expire_time`,
  };
}

/** The construct's path below its stack: what its output names derive from. */
export function pathBelowStack(construct: IConstruct): string {
  const stackPath = TerraformStack.of(construct).node.path;
  return construct.node.path.slice(stackPath.length).replace(/^\//, "");
}
