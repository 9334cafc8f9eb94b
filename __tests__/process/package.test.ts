/**
 * The installable package: other repositories `npm install` it and import it
 * by name. Builds dist/ once, in a temporary copy of the project (never in
 * place: another test or a bench may be reading the project's dist/), then
 * checks what a consumer gets.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { PROJECT_ROOT, temporaryProjectCopy } from "../support/project-copy";

const NAME: string = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "package.json"), "utf8")).name;
let ROOT: string;

beforeAll(() => {
  ROOT = temporaryProjectCopy("package-");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "pipe" });
}, 120_000);
afterAll(() => fs.rmSync(ROOT, { recursive: true, force: true }));

it("is importable by its own name, and synthesizes a certificate from the built JavaScript", () => {
  const script = `
    const { App, TerraformStack } = require("cdktf");
    const { AlicloudProvider } = require("./.gen/providers/alicloud/provider");
    const lib = require(${JSON.stringify(NAME)});
    const fs = require("fs");
    if (!require.resolve(${JSON.stringify(NAME)}).includes("/dist/constructs/")) throw new Error("not the built package");
    const app = new App({ outdir: process.argv[1] });
    const stack = new TerraformStack(app, "consumer");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const ca = new lib.CaCertificate(stack, "ClientCa", { caCertificate: fs.readFileSync(${JSON.stringify(path.join(PROJECT_ROOT, "examples", "certs", "sample-root-ca.pem"))}, "utf8") });
    app.synth();
    console.log(ca.fingerprint);
  `;
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "pkg-"));
  const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script, outdir], { cwd: ROOT, encoding: "utf8" });
  expect(run.stderr).toBe("");
  const manifest = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "__tests__", "fixtures", "manifest.json"), "utf8"));
  expect(run.stdout.trim()).toBe(manifest["examples/sample-root-ca.pem"].sha1);
  const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "consumer", "cdk.tf.json"), "utf8"));
  expect(Object.keys(stack.resource.alicloud_slb_ca_certificate)).toHaveLength(1);
});

it("packs exactly the built library and README: no tests, fixtures, keys or TypeScript sources", () => {
  const packed = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: ROOT, encoding: "utf8" }));
  const files: string[] = packed[0].files
    .map((f: { path: string }) => f.path)
    .filter((f: string) => !f.startsWith("node_modules/"))
    .sort();
  // jsii: a dependency that is not a jsii library ships inside the package.
  expect(packed[0].bundled).toEqual(["re2js"]);
  const sources = (fs.readdirSync(path.join(ROOT, "constructs"), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  // The neutral helpers the library shares with the emulator (tsconfig.jsii.json compiles common/ with it).
  const common = (fs.readdirSync(path.join(ROOT, "common")) as string[]).filter((f) => f.endsWith(".ts"));
  const built = (folder: string, f: string) => [`dist/${folder}/${f.replace(/\.ts$/, ".js")}`, `dist/${folder}/${f.replace(/\.ts$/, ".d.ts")}`];
  const expected = [
    ...sources.flatMap((f) => built("constructs", f)),
    ...common.flatMap((f) => built("common", f)),
    // Only the bindings the construct imports; users bring their own provider bindings.
    "dist/.gen/providers/alicloud/data-alicloud-slb-ca-certificates/index.d.ts",
    "dist/.gen/providers/alicloud/data-alicloud-slb-ca-certificates/index.js",
    "dist/.gen/providers/alicloud/slb-ca-certificate/index.d.ts",
    "dist/.gen/providers/alicloud/slb-ca-certificate/index.js",
    "LICENSE",
    ".jsii", // the jsii assembly, which other languages' packages load
    "README.md",
    "package.json",
  ].sort();
  expect(files).toEqual(expected);
  expect(files.filter((f) => /__tests__|fixtures|\.pem$|\.key$|(?<!\.d)\.ts$/.test(f))).toEqual([]);
});

it("declares cdktf and constructs as peer dependencies, and types through exports", () => {
  const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
  expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
  expect(pkg.exports["."].types).toBe("./dist/constructs/index.d.ts");
  expect(fs.existsSync(path.join(ROOT, pkg.exports["."].types))).toBe(true);
});
