/**
 * The emulated SLB account behaves as Alibaba's API reference describes:
 * checked here action by action, without Terraform.
 * These start a child process (openssl, to make a certificate with two CNs); the rest of the file's tests are in __tests__/emulator/account.test.ts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { emptyAccount } from "../../../emulator/account";
import { uploadCaCertificate } from "../../../emulator/api/ca-certificates";
import { inspectCaCertificate } from "../../../constructs/x509/inspect-ca-certificate";
import { opensslCaCertificate } from "../../support/openssl-ca";

const REGION = "cn-hangzhou";

test("reports the last CN of a subject with two, as Go's crypto/x509 and the construct do", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "two-cn-"));
  try {
    const cert = opensslCaCertificate(dir, "ca", "/CN=first.example/O=Two CNs/CN=last.example", 30);
    const pem = fs.readFileSync(cert, "utf8");
    // openssl agrees the subject holds both, in this order.
    expect(execFileSync("openssl", ["x509", "-in", cert, "-noout", "-subject", "-nameopt", "RFC2253"], { encoding: "utf8" }).trim()).toBe(
      "subject=CN=last.example,O=Two CNs,CN=first.example",
    );
    const ca = uploadCaCertificate(emptyAccount(), { RegionId: REGION, CACertificate: pem });
    expect({ emulator: ca.CommonName, construct: inspectCaCertificate(pem).commonName }).toEqual({ emulator: "last.example", construct: "last.example" });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
