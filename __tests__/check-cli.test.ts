/**
 * `slb-ca check` on a refused certificate prints what it read of it (its
 * public facts, as openssl reports them), so a user can tell which
 * certificate was refused; a text that is not one certificate on its own (a
 * key with it, say) shows nothing of it beyond the problems.
 */
import * as fs from "fs";
import * as path from "path";
import { check } from "../cli/check";
import { facts, NOW } from "./support/fixtures";
import { tempDir } from "./support/temp-dir";

const FIXTURES = path.join(__dirname, "fixtures");

test("a refused leaf: the problem, then what was read, with openssl's subject, dates and fingerprints", () => {
  const leaf = facts("leaf.pem");
  const outcome = check([path.join(FIXTURES, "leaf.pem")], NOW);
  expect({ exitCode: outcome.exitCode, stdout: outcome.stdout }).toEqual({ exitCode: 1, stdout: "" });
  const lines = outcome.stderr.split("\n");
  expect(lines[1]).toMatch(/^ {2}- CACertificate\.NotCA: /);
  expect(lines.slice(2, 10)).toEqual([
    "What was read:",
    "  subject      CN=Test Leaf,O=Test Fixtures,C=CN",
    "  issuer       CN=Test Root CA,O=Test Fixtures,C=CN",
    `  key          RSA ${leaf.keyBits} bits`,
    `  signature    ${leaf.signatureAlgorithm}`,
    `  valid from   ${leaf.notBefore}`,
    expect.stringMatching(new RegExp(`^ {2}expires {6}${leaf.notAfter} \\(\\d+ days left\\)$`)),
    `  SHA-1        ${leaf.sha1}`,
  ]);
  expect(lines[10]).toBe(`  SHA-256      ${leaf.sha256}`);
  const json = JSON.parse(check(["--json", path.join(FIXTURES, "leaf.pem")], NOW).stdout);
  expect(json.read).toMatchObject({ fingerprint: leaf.sha1, fingerprintSha256: leaf.sha256, key: `RSA ${leaf.keyBits} bits` });
});

test("an expired CA says how long ago, in the validator's count of days", () => {
  const outcome = check([path.join(FIXTURES, "expired.pem")], NOW);
  const days = /expired on \S+ \((\d+) days before/.exec(outcome.stderr)![1];
  expect(outcome.stderr).toContain(`(expired ${days} days ago)`);
});

test("a certificate with its private key: nothing of either is shown beyond the problems", () => {
  const dir = tempDir("check-");
  const key = fs.readFileSync(path.join(FIXTURES, "key-pkcs8.pem"), "utf8");
  const file = path.join(dir, "with-key.pem");
  fs.writeFileSync(file, fs.readFileSync(path.join(FIXTURES, "root-rsa2048.pem"), "utf8") + key);
  const outcome = check([file], NOW);
  expect(outcome.exitCode).toBe(1);
  expect(outcome.stderr).toContain("CertificateFormatInvalid.PrivateKeyIncluded");
  expect(outcome.stderr.split("\n").at(-2)).toBe("Nothing else read: the text is not one certificate on its own (the problems say why).");
  for (const line of key.split("\n").filter((l) => l && !l.startsWith("-----"))) expect(outcome.stderr).not.toContain(line.slice(0, 16));
  expect(JSON.parse(check(["--json", file], NOW).stdout).read).toBeNull();
});
