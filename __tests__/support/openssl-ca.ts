/**
 * A CA certificate made by openssl at test time (a fresh RSA 2048 key, self-signed,
 * CA:TRUE with keyCertSign): for tests whose certificate depends on the moment
 * (its validity) or on a subject the checked-in fixtures do not have.
 */
import { execFileSync } from "child_process";
import * as path from "path";

/**
 * Writes `<name>.key` and `<name>.pem` in `dir`; returns the certificate's path.
 * @param subject openssl's -subj, e.g. "/CN=Test CA"
 * @param days validity from now
 */
export function opensslCaCertificate(dir: string, name: string, subject: string, days: number): string {
  const [key, cert] = [path.join(dir, `${name}.key`), path.join(dir, `${name}.pem`)];
  execFileSync(
    "openssl",
    [
      ...["req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert, "-days", String(days), "-subj", subject],
      ...["-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
    ],
    { stdio: "ignore" },
  );
  return cert;
}
