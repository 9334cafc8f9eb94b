/**
 * The plugin's TLS server certificate. go-plugin requires TLS: Terraform pins
 * the certificate the plugin announces in its handshake line and presents its
 * own client certificate (PLUGIN_CLIENT_CERT). Node's crypto cannot issue
 * certificates, so node-forge builds a self-signed one (CA:true, SAN
 * DNS:localhost, serverAuth) around a key from Node's crypto. Made once and
 * cached in the git-ignored .local-cloud/ of the project: every Terraform
 * command starts several provider processes.
 */
import * as fs from "fs";
import * as path from "path";
import { X509Certificate, createPrivateKey, generateKeyPairSync, randomBytes } from "crypto";
import type * as Forge from "node-forge";
import { writeFileAtomically } from "../common/atomic-write";
import { LOCAL_CLOUD_DIR } from "./paths";

export interface ServerIdentity {
  readonly certPem: string;
  readonly keyPem: string;
  /** The certificate as DER, base64 without padding, as go-plugin's handshake line carries it. */
  readonly certBase64: string;
}

const CACHE_DIR = path.join(LOCAL_CLOUD_DIR, "plugin-tls");

function issue(): { certPem: string; keyPem: string } {
  // Loaded only here: node-forge takes a tenth of a second to load, and the certificate is cached.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const forge = require("node-forge") as typeof Forge;
  const { publicKey, privateKey } = generateKeyPairSync("rsa", { modulusLength: 2048 });
  const keyPem = privateKey.export({ type: "pkcs1", format: "pem" }).toString();
  const cert = forge.pki.createCertificate();
  cert.publicKey = forge.pki.publicKeyFromPem(publicKey.export({ type: "spki", format: "pem" }).toString());
  cert.serialNumber = "01" + randomBytes(15).toString("hex");
  const now = Date.now();
  cert.validity.notBefore = new Date(now - 3600_000);
  cert.validity.notAfter = new Date(now + 10 * 365 * 86400_000);
  const name = [
    { name: "commonName", value: "localhost" },
    { name: "organizationName", value: "local SLB provider" },
  ];
  cert.setSubject(name);
  cert.setIssuer(name);
  cert.setExtensions([
    { name: "basicConstraints", cA: true, critical: true },
    { name: "keyUsage", digitalSignature: true, keyEncipherment: true, keyCertSign: true, critical: true },
    { name: "extKeyUsage", serverAuth: true },
    { name: "subjectAltName", altNames: [{ type: 2, value: "localhost" }] },
  ]);
  cert.sign(forge.pki.privateKeyFromPem(keyPem), forge.md.sha256.create());
  return { certPem: forge.pki.certificateToPem(cert), keyPem };
}

export function serverIdentity(cacheDir: string = CACHE_DIR): ServerIdentity {
  const certFile = path.join(cacheDir, "server.crt");
  const keyFile = path.join(cacheDir, "server.key");
  let certPem: string;
  let keyPem: string;
  try {
    certPem = fs.readFileSync(certFile, "utf8");
    keyPem = fs.readFileSync(keyFile, "utf8");
    if (Date.parse(new X509Certificate(certPem).validTo) < Date.now() + 86400_000) throw new Error("expiring");
  } catch {
    ({ certPem, keyPem } = issue());
    fs.mkdirSync(cacheDir, { recursive: true });
    // One file holding both would be simpler, but two renames keep each file whole; a
    // mismatched pair from two racing processes is caught below and reissued in memory.
    writeFileAtomically(keyFile, keyPem, { mode: 0o600 });
    writeFileAtomically(certFile, certPem, { mode: 0o600 });
  }
  if (!new X509Certificate(certPem).checkPrivateKey(createPrivateKey(keyPem))) {
    ({ certPem, keyPem } = issue());
  }
  const der = new X509Certificate(certPem).raw;
  return { certPem, keyPem, certBase64: der.toString("base64").replace(/=+$/, "") };
}
