/**
 * These start a child process (the README's Use sample, run as written); the rest of the file's tests are in __tests__/readme.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const README = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");

describe("README's Use sample", () => {
  const ROOT = path.join(__dirname, "..", "..");
  const sample = /## Use\n\n```ts\n([\s\S]*?)```/.exec(README)![1];

  /** The sample as a user's file: the package and the bindings resolved to this project, the PEM read from `pem`. */
  function runnable(pem: string): string {
    return [
      'const lb = { id: "lb-1" };',
      'const serverCertificate = { id: "sc-1" };',
      sample
        .replace('from "cdktf"', `from ${JSON.stringify(require.resolve("cdktf"))}`)
        .replace('from "cdktf-alicloud-slb-ca-certificate"', `from ${JSON.stringify(path.join(ROOT, "constructs"))}`)
        .replace(/from "\.\/\.gen\//g, `from "${path.join(ROOT, ".gen")}/`)
        .replace('"certs/client-ca.pem"', JSON.stringify(pem)),
    ].join("\n");
  }

  /** Runs the sample with the given PEM fixture, in a temporary folder; `check` sees the run and its output folder. */
  function runSample(fixtureName: string, check: (run: ReturnType<typeof spawnSync>, outdir: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-use-"));
    try {
      const file = path.join(dir, "main.ts");
      fs.writeFileSync(file, runnable(path.join(__dirname, "..", "fixtures", fixtureName)));
      const outdir = path.join(dir, "cdktf.out");
      const run = spawnSync(process.execPath, ["--import", "tsx", file], {
        cwd: ROOT,
        encoding: "utf8",
        env: { ...process.env, CHECKPOINT_DISABLE: "1", CDKTF_OUTDIR: outdir },
      });
      check(run, outdir);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  }

  it("runs as written: the listener gets the certificate's ID", () => {
    runSample("root-rsa2048.pem", (run, outdir) => {
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "pki", "cdk.tf.json"), "utf8"));
      const [certificate] = Object.keys(json.resource.alicloud_slb_ca_certificate);
      expect(json.resource.alicloud_slb_listener.Https.ca_certificate_id).toBe(`\${alicloud_slb_ca_certificate.${certificate}.id}`);
    });
  });

  it("runs as written: a bad CA prints the problem alone, exit 1, and writes nothing", () => {
    runSample("root-ec-p256.pem", (run, outdir) => {
      expect({ status: run.status, stdout: run.stdout }).toEqual({ status: 1, stdout: "" });
      expect(String(run.stderr).split("\n")).toEqual([
        "[pki/ClientCa] 1 problem with the CA certificate:",
        expect.stringMatching(/^ {2}- EccCertificateNotSupport: the public key is EC P-256; /),
        "",
      ]);
      expect(fs.existsSync(outdir)).toBe(false);
    });
  });
});
