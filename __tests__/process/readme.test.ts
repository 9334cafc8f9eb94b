/**
 * The README's app, run as written (a child process); the rest of the README's
 * checks are in __tests__/readme.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The fenced blocks of a language, in order. */
function blocks(language: string): string[] {
  return [...README.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

describe("the README's app", () => {
  const sample = blocks("ts")[0];

  /** The sample as a user's file: the package and its bindings resolved to this project, the PEMs read from fixtures. Nothing is added: no undefined name may remain. */
  function runnable(pem: string): string {
    return sample
      .replace('from "cdktf"', `from ${JSON.stringify(require.resolve("cdktf"))}`)
      .replace('from "cdktf-alicloud-slb-ca-certificate/alicloud"', `from ${JSON.stringify(path.join(ROOT, "alicloud"))}`)
      .replace('from "cdktf-alicloud-slb-ca-certificate"', `from ${JSON.stringify(path.join(ROOT, "constructs"))}`)
      .replace('"certs/client-ca.pem"', JSON.stringify(pem))
      .replace('"certs/server.pem"', JSON.stringify(path.join(ROOT, "examples", "certs", "server.pem")));
  }

  it("builds on AtomicApp (clean errors asked for), reads the PEMs with PemFile.read, and takes the bindings from the package", () => {
    expect(sample).toContain("AtomicApp.printUserErrorsCleanly();");
    expect(sample).toContain("const app = new AtomicApp();");
    expect(sample).toContain('caCertificate: PemFile.read("certs/client-ca.pem")');
    expect(sample).toContain('from "cdktf-alicloud-slb-ca-certificate/alicloud"');
    expect(sample).not.toContain(".gen/");
    expect(sample).toContain("app.synth();");
  });

  /** Runs the sample with the given PEM fixture, in a temporary folder; `check` sees the run and its output folder. */
  function runSample(fixtureName: string, check: (run: ReturnType<typeof spawnSync>, outdir: string) => void): void {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "readme-use-"));
    try {
      const file = path.join(dir, "main.ts");
      fs.writeFileSync(file, runnable(path.join(ROOT, "__tests__", "fixtures", fixtureName)));
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

  it("runs as written: the listener gets the certificate's ID, and the server key stays a variable", () => {
    runSample("root-rsa2048.pem", (run, outdir) => {
      expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: "" });
      const json = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "pki", "cdk.tf.json"), "utf8"));
      const [certificate] = Object.keys(json.resource.alicloud_slb_ca_certificate);
      expect(json.resource.alicloud_slb_listener.Https.ca_certificate_id).toBe(`\${alicloud_slb_ca_certificate.${certificate}.id}`);
      expect(json.resource.alicloud_slb_server_certificate.ServerCertificate.private_key).toBe("${var.server_private_key}");
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
