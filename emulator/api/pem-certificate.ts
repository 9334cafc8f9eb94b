/**
 * What SLB accepts as a certificate upload: exactly one PEM certificate, RSA
 * with a key length it supports; and what it reports about it.
 */
import { X509Certificate } from "crypto";
import { SlbError } from "../slb-error";

export const PEM_BLOCK = /-----BEGIN ([A-Z0-9 ]+)-----[\s\S]*?-----END \1-----/g;

export interface ParsedCertificate {
  readonly fingerprint: string;
  readonly commonName: string;
  readonly expireTimeStamp: number;
  readonly x509: X509Certificate;
}

/** What PEM blocks were found, by kind: "a PRIVATE KEY block, no CERTIFICATE", "2 CERTIFICATE blocks", "no PEM block". */
function blockSummary(blocks: readonly string[]): string {
  if (blocks.length === 0) return "no PEM block";
  const counts = new Map<string, number>();
  for (const block of blocks) {
    const label = /^-----BEGIN ([A-Z0-9 ]+)-----/.exec(block)![1];
    counts.set(label, (counts.get(label) ?? 0) + 1);
  }
  const kinds = [...counts].map(([label, n]) => `${n === 1 ? "a" : n} ${label} block${n === 1 ? "" : "s"}`);
  return `${kinds.join(", ")}${counts.has("CERTIFICATE") ? "" : ", no CERTIFICATE"}`;
}

/** Exactly one PEM certificate, RSA with a key length SLB accepts; else SLB's refusal. */
export function parseOneCertificate(pem: string): ParsedCertificate {
  const blocks = typeof pem === "string" ? (pem.match(PEM_BLOCK) ?? []) : [];
  if (blocks.length !== 1 || !blocks[0].startsWith("-----BEGIN CERTIFICATE-----") || pem.trim() !== blocks[0]) {
    const otherText = blocks.length === 1 && pem.trim() !== blocks[0] ? " with other text" : "";
    throw new SlbError(
      "CertificateFormatInvalid",
      `Upload exactly one PEM certificate (one CERTIFICATE block, nothing else); got ${blockSummary(blocks)}${otherText}.`,
    );
  }
  let x509: X509Certificate;
  try {
    x509 = new X509Certificate(blocks[0]);
  } catch {
    throw new SlbError("CertificateFormatInvalid", "The certificate cannot be parsed.");
  }
  const key = x509.publicKey;
  if (key.asymmetricKeyType !== "rsa") throw new SlbError("EccCertificateNotSupport", "Only RSA certificates are supported.");
  const bits = key.asymmetricKeyDetails?.modulusLength;
  if (![1024, 2048, 4096].includes(bits ?? 0)) {
    throw new SlbError("OperationDenied.IllegalKeyLength", `RSA keys of 1024, 2048 or 4096 bits are supported; got ${bits}.`);
  }
  // The last CN of the subject, as Go's crypto/x509 reports it (pkix.Name.FillFromRDNSequence
  // overwrites CommonName at each CN, so the last wins) and as the construct does. Which one SLB
  // reports is not documented.
  const cn = x509.subject
    .split("\n")
    .filter((line) => line.startsWith("CN="))
    .pop();
  return {
    // SHA-1 over the DER, as lowercase hex pairs joined by colons (as SLB reports it).
    fingerprint: x509.fingerprint.toLowerCase(),
    commonName: cn ? cn.slice(3) : "",
    expireTimeStamp: Date.parse(x509.validTo),
    x509,
  };
}
