/**
 * scripts/install-terraform.sh, which the example pipelines install terraform
 * with: a download whose SHA-256 is not the one pinned, or that HashiCorp's
 * SHA256SUMS does not list, installs nothing. Runs against a local mirror
 * (TERRAFORM_RELEASES_URL=file://...) laid out as releases.hashicorp.com is.
 */
import { spawnSync } from "child_process";
import { createHash } from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const SCRIPT = path.join(__dirname, "..", "..", "scripts", "install-terraform.sh");
const TEXT = fs.readFileSync(SCRIPT, "utf8");
const VERSION = /^TERRAFORM_VERSION="([^"]+)"$/m.exec(TEXT)![1];
const PINNED = /^TERRAFORM_SHA256="([0-9a-f]{64})"$/m.exec(TEXT)![1];
const ZIP = `terraform_${VERSION}_linux_amd64.zip`;

let temp: string;
beforeEach(() => {
  temp = fs.mkdtempSync(path.join(os.tmpdir(), "install-terraform-"));
});
afterEach(() => fs.rmSync(temp, { recursive: true, force: true }));

/** A mirror holding `zip` and a SHA256SUMS of `sums` lines; returns its file:// URL. */
function mirror(zip: Buffer, sums: string[]): string {
  const dir = path.join(temp, "mirror", "terraform", VERSION);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, ZIP), zip);
  fs.writeFileSync(path.join(dir, `terraform_${VERSION}_SHA256SUMS`), sums.map((line) => `${line}\n`).join(""));
  return `file://${path.join(temp, "mirror")}`;
}

/** A zip holding one file `terraform` (a shell script that prints a word), made by python3's zipfile. */
function terraformZip(): Buffer {
  const file = path.join(temp, "made.zip");
  const made = spawnSync("python3", [
    "-c",
    "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1], 'w'); z.writestr('terraform', '#!/bin/sh\\necho fake-terraform\\n'); z.close()",
    file,
  ]);
  expect(made.status).toBe(0);
  return fs.readFileSync(file);
}

function run(script: string, url: string, dest: string): { status: number; output: string } {
  const r = spawnSync("bash", [script, dest], { env: { ...process.env, TERRAFORM_RELEASES_URL: url }, encoding: "utf8" });
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

const sha256 = (bytes: Buffer) => createHash("sha256").update(bytes).digest("hex");

it("refuses a zip whose SHA-256 is not the pinned one, even when SHA256SUMS lists the pinned one; installs nothing", () => {
  const zip = terraformZip();
  const dest = path.join(temp, "bin");
  const r = run(SCRIPT, mirror(zip, [`${PINNED}  ${ZIP}`]), dest);
  expect(r).toEqual({ status: 1, output: `install-terraform: ${ZIP} has SHA-256 ${sha256(zip)}, not ${PINNED}; nothing installed.\n` });
  expect(fs.existsSync(path.join(dest, "terraform"))).toBe(false);
});

it("refuses when HashiCorp's SHA256SUMS does not list the pinned SHA-256 (another version's list, a tampered list)", () => {
  const zip = terraformZip();
  const dest = path.join(temp, "bin");
  const r = run(SCRIPT, mirror(zip, [`${sha256(zip)}  ${ZIP}`]), dest);
  expect(r).toEqual({ status: 1, output: `install-terraform: HashiCorp's SHA256SUMS does not list ${PINNED} for ${ZIP}; nothing installed.\n` });
  expect(fs.existsSync(path.join(dest, "terraform"))).toBe(false);
});

it("installs an executable terraform when both checks pass (the script with this zip's SHA-256 pinned instead)", () => {
  const zip = terraformZip();
  const script = path.join(temp, "install-terraform.sh");
  fs.writeFileSync(script, TEXT.replace(PINNED, sha256(zip)));
  const dest = path.join(temp, "bin");
  const r = run(script, mirror(zip, ["0".repeat(64) + "  terraform_other.zip", `${sha256(zip)}  ${ZIP}`]), dest);
  expect(r).toEqual({ status: 0, output: `install-terraform: terraform ${VERSION} (SHA-256 checked) in ${dest}\n` });
  expect(fs.statSync(path.join(dest, "terraform")).mode & 0o777).toBe(0o755);
  expect(spawnSync(path.join(dest, "terraform"), { encoding: "utf8" }).stdout).toBe("fake-terraform\n");
});
