/**
 * The README, consumer first: its sample app runs as written, its install line
 * and commands are the ones that work, it stays short, and every docs/ file
 * is linked from it. (The tables of codes, wherever they stand, are
 * __tests__/rules.test.ts's.)
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The fenced blocks of a language, in order. */
function blocks(language: string): string[] {
  return [...README.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

describe("the README, consumer first", () => {
  it("is under 250 lines", () => {
    expect(README.split("\n").length).toBeLessThan(250);
  });

  it("opens with the install line (cdktf-cli included), then the app, then the three commands a team runs", () => {
    const [install, commands] = blocks("sh");
    expect(install.trim().split("\n")).toEqual([
      "npm install cdktf-alicloud-slb-ca-certificate cdktf@0.21.0 constructs@10.4.2",
      "npm install --save-dev cdktf-cli@0.21.0 typescript@~6.0.3 tsx@^4.20.0 @types/node@^20",
    ]);
    expect(commands.split("\n").map((line) => line.split("#")[0].trim())).toEqual([
      "npx slb-ca check certs/client-ca.pem",
      "npx slb-ca synth",
      "npx slb-ca deploy",
      "",
    ]);
    const firstScreen = README.split("\n").slice(0, 60).join("\n");
    expect(firstScreen).toContain("```ts\n");
    expect(firstScreen).toContain("npx slb-ca deploy");
  });

  it("the adoption commands install the same packages as the first install line, plus the local cloud", () => {
    const [install] = blocks("sh");
    const adopt = /<!-- adopt:start[^>]*-->\n```sh\n([\s\S]*?)```/.exec(README)![1];
    const [first, second] = adopt.split("\n");
    expect(first).toBe(install.split("\n")[0]);
    expect(second).toBe(`${install.split("\n")[1]} alicloud-slb-local-cloud`);
  });

  it("links every docs/ file, and every link it has resolves", () => {
    const links = [...README.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    for (const link of links) expect({ link, exists: fs.existsSync(path.join(ROOT, link)) }).toEqual({ link, exists: true });
    const docs = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"));
    expect(docs.filter((f) => !links.includes(`docs/${f}`))).toEqual([]);
  });

  it("the docs' links between each other resolve", () => {
    const broken: string[] = [];
    for (const file of fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"))) {
      const text = fs.readFileSync(path.join(ROOT, "docs", file), "utf8");
      for (const [, link] of text.matchAll(/\]\(([^)#]+\.md)(?:#[^)]*)?\)/g)) {
        if (!/^https?:/.test(link) && !fs.existsSync(path.join(ROOT, "docs", link))) broken.push(`${file} -> ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the development block holds the two set-up commands CI runs", () => {
    const development = README.split("## Developing this repository")[1];
    const block = /```sh\n([\s\S]*?)```/.exec(development)![1];
    expect(block).toContain("npm ci && npm run synth");
    expect(block).toContain("npm test");
    const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
    expect(ci).toContain("npm ci");
    expect(ci).toContain("npm run synth");
    expect(ci).toContain("npm test");
  });
});

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
      fs.writeFileSync(file, runnable(path.join(__dirname, "fixtures", fixtureName)));
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
