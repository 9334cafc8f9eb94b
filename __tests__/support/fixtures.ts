import * as fs from "fs";
import * as path from "path";

/** What openssl said about a fixture certificate when the fixtures were generated. */
export interface FixtureFacts {
  readonly sha1: string;
  readonly sha256: string;
  readonly notBefore: string;
  readonly notAfter: string;
  readonly subject: string;
  readonly issuer: string;
  readonly commonName: string;
  readonly keyType: string;
  readonly keyBits: number;
  readonly signatureAlgorithm: string;
  readonly version: number;
}

const FIXTURES = path.join(__dirname, "..", "fixtures");
const EXAMPLES = path.join(__dirname, "..", "..", "examples", "certs");

/** The text of a file in __tests__/fixtures. */
export function fixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, name), "utf8");
}

/** The bytes of a file in __tests__/fixtures. */
export function fixtureBytes(name: string): Buffer {
  return fs.readFileSync(path.join(FIXTURES, name));
}

/** The text of a file in __tests__/fixtures/clients (scripts/generate-client-fixtures.sh). */
export function clientFixture(name: string): string {
  return fs.readFileSync(path.join(FIXTURES, "clients", name), "utf8");
}

/** A PEM CERTIFICATE block of `body` (base64) wrapped at `width` columns, each line ending in `eol`. */
export function wrapPem(body: string, width: number, eol = "\n"): string {
  const lines: string[] = [];
  for (let i = 0; i < body.length; i += width) lines.push(body.slice(i, i + width));
  return ["-----BEGIN CERTIFICATE-----", ...lines, "-----END CERTIFICATE-----"].join(eol) + eol;
}

/** The text of a file in examples/certs. */
export function example(name: string): string {
  return fs.readFileSync(path.join(EXAMPLES, name), "utf8");
}

const manifest: Record<string, FixtureFacts> = JSON.parse(fs.readFileSync(path.join(FIXTURES, "manifest.json"), "utf8"));

/** openssl's facts about a fixture certificate (`examples/<name>` for the shipped samples). */
export function facts(name: string): FixtureFacts {
  const entry = manifest[name];
  if (!entry) throw new Error(`no manifest entry for ${name}; run npm run fixtures`);
  return entry;
}

/** A moment inside every good fixture's validity period (2025-01-01 .. 2050-01-01). */
export const NOW = new Date("2026-06-01T00:00:00Z");

/**
 * The inventory the example app should write, as of `now`, built from
 * openssl's facts about the sample CA (not from the code under test).
 */
export function expectedExampleInventory(now: Date): unknown {
  const sample = facts("examples/sample-root-ca.pem");
  return {
    version: 1,
    asOf: now.toISOString().slice(0, 10),
    certificates: [
      {
        stack: "pki",
        path: "pki/ClientCa",
        name: `example-client-ca-${sample.sha1.replace(/:/g, "").slice(0, 8)}`,
        region: "cn-hangzhou",
        fingerprint: sample.sha1,
        fingerprintSha256: sample.sha256,
        subject: sample.subject,
        issuer: sample.issuer,
        notBefore: sample.notBefore,
        expireTime: sample.notAfter,
        daysLeft: Math.floor((Date.parse(sample.notAfter) - now.getTime()) / 86_400_000),
        tags: { owner: "platform-team", purpose: "mtls-client-ca" },
      },
    ],
  };
}
