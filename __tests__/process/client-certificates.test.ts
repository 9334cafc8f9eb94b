/**
 * CaCertificate's clientCertificates: the samples are checked at synth, their
 * problems reported with all others, and a CA from the wrong issuer fails synth.
 * These start a child process (a real synth of a test app and `npm run check-client`); the rest of the file's tests are in __tests__/client-certificates.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { checkClient } from "../../cli/check-client";
import { NOW } from "../support/fixtures";

const CLIENTS = path.join(__dirname, "..", "fixtures", "clients");

describe("a wrong client CA fails a real synth", () => {
  const run = (sample: string) => {
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "client-synth-"));
    try {
      const result = spawnSync("node --import tsx __tests__/apps/client-ca-app.ts", {
        shell: true,
        cwd: path.join(__dirname, "..", ".."),
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir, CLIENT_APP_SAMPLE: sample },
      });
      const written = fs
        .readdirSync(outdir, { recursive: true, withFileTypes: true })
        .filter((entry) => entry.isFile())
        .map((entry) => entry.name);
      return { status: result.status, output: `${result.stdout}${result.stderr}`, written };
    } finally {
      fs.rmSync(outdir, { recursive: true, force: true });
    }
  };

  it("exits non-zero with ClientCertificate.NotIssuedByCa and writes no file", () => {
    const refused = run("client-other.pem");
    expect(refused.status).not.toBe(0);
    expect(refused.output).toContain(
      '[pki/ClientCa] 1 problem with the CA certificate:\n  - ClientCertificate.NotIssuedByCa: clientCertificates[0] ("CN=carol.client-of-other-root,O=Client Fixtures") does not chain to this CA',
    );
    expect(refused.written).toEqual([]);
  });

  it("synthesizes with a client of the CA (the control)", () => {
    const accepted = run("client-root.pem");
    expect(accepted.output).toBe("");
    expect(accepted.status).toBe(0);
    expect(accepted.written.sort()).toEqual(["cdk.tf.json", "manifest.json"]);
  });
});

describe("npm run check-client", () => {
  const file = (name: string) => path.join(CLIENTS, name);

  it("prints OK and exits 0 for a client the CA accepts", () => {
    expect(checkClient([file("root.pem"), file("client-intermediate-chain.pem")], NOW)).toEqual({
      exitCode: 0,
      output: `OK: CN=bob.client-of-intermediate,O=Client Fixtures is accepted by the CA in ${file("root.pem")}.`,
    });
  });

  it("prints each problem and exits 1 for a refused client", () => {
    const outcome = checkClient([file("root.pem"), file("client-server-auth.pem")], NOW);
    expect(outcome.exitCode).toBe(1);
    expect(outcome.output.split("\n")).toEqual([
      "REFUSED: 1 problem:",
      '  - ClientCertificate.NoClientAuth: client-server-auth.pem ("CN=server-auth-only.client,O=Client Fixtures") has extendedKeyUsage serverAuth without clientAuth, so a TLS server refuses it as a client certificate ("unsuitable certificate purpose"). Re-issue it with extendedKeyUsage clientAuth.',
    ]);
  });

  it("prints warnings after the verdict", () => {
    const outcome = checkClient([file("short-root.pem"), file("client-short-root.pem")], NOW);
    expect(outcome.exitCode).toBe(0);
    expect(outcome.output.split("\n")[1]).toMatch(/^ {2}warning CACertificate\.ExpiresBeforeClients: the CA expires on 2040-01-01T00:00:00Z/);
  });

  it("says in one line which file cannot be read, and exits 2", () => {
    const missing = path.join(os.tmpdir(), "no-such-client.pem");
    expect(checkClient([file("root.pem"), missing], NOW)).toEqual({
      exitCode: 2,
      output: `check-client: the client file ${JSON.stringify(missing)} does not exist: check the path.`,
    });
    expect(checkClient([CLIENTS, file("client-root.pem")], NOW)).toEqual({
      exitCode: 2,
      output: `check-client: the CA file ${JSON.stringify(CLIENTS)} is a directory, not a regular file: save the certificate in PEM to a file and give its path.`,
    });
  });

  it("prints its usage without two arguments", () => {
    expect(checkClient([file("root.pem")])).toEqual({ exitCode: 2, output: "usage: slb-ca check-client CA.pem CLIENT.pem" });
  });
});
