/**
 * The publishable packages (`npm run package` writes them to dist/packages/):
 * each tarball's file list, and manifests without lifecycle scripts. Plus the
 * library as other repositories import it, by its own name, from dist/, built
 * in the test run's copy of the project (never in place: another test or a bench
 * may be reading the project's dist/).
 */
import { builtinModules } from "module";
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as ts from "typescript";
import { builtProject, tarballFile, tarballFiles, tarballs, Tarballs } from "../support/packages";
import { PROJECT_ROOT as ROOT } from "../support/project-copy";

const NAME: string = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8")).name;

/** The .ts files below a folder of the project, relative to the project, sorted. */
function sourcesIn(folder: string): string[] {
  return (fs.readdirSync(path.join(ROOT, folder), { recursive: true }) as string[])
    .filter((f) => f.endsWith(".ts"))
    .map((f) => path.join(folder, f))
    .sort();
}

/** The lifecycle scripts npm runs on install or pack; none may be in a published manifest. */
const LIFECYCLE = ["preinstall", "install", "postinstall", "prepare", "prepublish", "preprepare", "postprepare", "prepack", "postpack"];

describe("the tarballs in dist/packages/", () => {
  let packages: Tarballs;
  beforeAll(() => {
    packages = tarballs();
  }, 600_000);

  it("the library holds the jsii build (library, bindings, command line), README, LICENSE, docs and the bundled re2js: no tests, fixtures, keys or TypeScript sources", () => {
    const files = tarballFiles(packages.library);
    const bundled = files.filter((f) => f.startsWith("node_modules/"));
    expect(bundled).toContain("node_modules/re2js/package.json");
    expect(bundled.filter((f) => !f.startsWith("node_modules/re2js/"))).toEqual([]);
    const declared = (f: string) => [`dist/${f.replace(/\.ts$/, ".js")}`, `dist/${f.replace(/\.ts$/, ".d.ts")}`];
    const bindings = ["provider", "slb-ca-certificate", "slb-server-certificate", "slb-load-balancer", "slb-listener", "data-alicloud-slb-ca-certificates"];
    const docs = fs.existsSync(path.join(ROOT, "docs"))
      ? (fs.readdirSync(path.join(ROOT, "docs")) as string[]).filter((f) => f.endsWith(".md")).map((f) => `docs/${f}`)
      : [];
    expect(files.filter((f) => !f.startsWith("node_modules/"))).toEqual(
      [
        ...sourcesIn("constructs").flatMap(declared),
        // The neutral helpers the library shares with the emulator (tsconfig.jsii.json compiles common/ with it).
        ...sourcesIn("common").flatMap(declared),
        ...sourcesIn("alicloud").flatMap(declared),
        // The command line: JavaScript only, nobody imports it.
        ...sourcesIn("cli").map((f) => `dist/${f.replace(/\.ts$/, ".js")}`),
        ...bindings.flatMap((b) => [`dist/.gen/providers/alicloud/${b}/index.d.ts`, `dist/.gen/providers/alicloud/${b}/index.js`]),
        ...docs,
        ".jsii",
        "LICENSE",
        "README.md",
        "package.json",
      ].sort(),
    );
  });

  it("the local cloud holds the emulator, its command line and the cdktf runner as JavaScript, and the schema it serves: nothing of the library", () => {
    // emulator/provider-source/ reads the provider's Go sources for the conformance test: a tool of this repository, not the local cloud's.
    const compiled = [...sourcesIn("emulator"), ...sourcesIn("common"), ...sourcesIn("local-cloud"), ...sourcesIn(path.join("cli", "cdktf"))]
      .filter((f) => !f.startsWith(path.join("emulator", "provider-source")))
      .map((f) => `lib/${f.replace(/\.ts$/, ".js")}`);
    const protos = fs
      .readdirSync(path.join(ROOT, "emulator"))
      .filter((f) => f.endsWith(".proto"))
      .map((f) => `lib/emulator/${f}`);
    const schema = fs.readdirSync(path.join(ROOT, "schema-cache")).map((f) => `schema-cache/${f}`);
    expect(tarballFiles(packages.localCloud)).toEqual([...compiled, ...protos, ...schema, "LICENSE", "README.md", "package.json"].sort());
  });

  it("the manifests carry no lifecycle scripts (no install-script warning) and no devDependencies", () => {
    for (const tarball of [packages.library, packages.cdktnLibrary, packages.localCloud]) {
      const manifest = JSON.parse(tarballFile(tarball, "package.json"));
      expect({ tarball: path.basename(tarball), scripts: manifest.scripts, devDependencies: manifest.devDependencies }).toEqual({
        tarball: path.basename(tarball),
        scripts: undefined,
        devDependencies: undefined,
      });
      expect(LIFECYCLE.filter((name) => JSON.stringify(manifest).includes(`"${name}"`))).toEqual([]);
    }
  });

  it("the library: bin slb-ca, the ./alicloud subpath, runtime dependencies only what synth needs", () => {
    const manifest = JSON.parse(tarballFile(packages.library, "package.json"));
    expect(manifest.bin).toEqual({ "slb-ca": "dist/cli/slb-ca.js" });
    expect(manifest.exports["./alicloud"]).toEqual({ types: "./dist/alicloud/index.d.ts", default: "./dist/alicloud/index.js" });
    expect(manifest.dependencies).toEqual({ re2js: expect.any(String) });
    expect(Object.keys(manifest.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
    expect(tarballFile(packages.library, "dist/cli/slb-ca.js")).toMatch(/^#!\/usr\/bin\/env node\n/);
  });

  it("the cdktn library: the same files from the same sources, its own peers, cdktn's bindings and jsii assembly; no module of it loads cdktf", () => {
    const files = tarballFiles(packages.cdktnLibrary);
    expect(files).toEqual(tarballFiles(packages.library));
    const manifest = JSON.parse(tarballFile(packages.cdktnLibrary, "package.json"));
    const cdktf = JSON.parse(tarballFile(packages.library, "package.json"));
    expect({ name: manifest.name, peers: manifest.peerDependencies }).toEqual({
      name: "cdktn-alicloud-slb-ca-certificate",
      peers: { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" },
    });
    // Everything else follows the cdktf package's manifest.
    for (const field of ["version", "bin", "exports", "typesVersions", "files", "dependencies", "bundledDependencies", "engines", "license"]) {
      expect({ field, value: manifest[field] }).toEqual({ field, value: cdktf[field] });
    }
    const assembly = JSON.parse(tarballFile(packages.cdktnLibrary, ".jsii"));
    expect({ name: assembly.name, dependencies: Object.keys(assembly.dependencies).sort() }).toEqual({
      name: "cdktn-alicloud-slb-ca-certificate",
      dependencies: ["cdktn", "constructs"],
    });
    expect(Object.keys(assembly.types).sort()).toEqual(
      Object.keys(JSON.parse(tarballFile(packages.library, ".jsii")).types)
        .map((t) => t.replace(/^cdktf-/, "cdktn-"))
        .sort(),
    );
    const loaded = new Set<string>();
    for (const file of files.filter((f) => f.startsWith("dist/") && f.endsWith(".js"))) {
      for (const { fileName } of ts.preProcessFile(tarballFile(packages.cdktnLibrary, file), true, true).importedFiles) loaded.add(fileName.split("/")[0]);
    }
    expect([...loaded].filter((name) => /cdkt/.test(name)).sort()).toEqual(["cdktn"]);
    // The bindings are cdktn's generator's: its own error link, not cdktf's.
    expect(tarballFile(packages.cdktnLibrary, "dist/.gen/providers/alicloud/slb-listener/index.js")).not.toContain("cdk.tf/complex-object-as-configuration");
  });

  it("the local cloud: bin slb-local-cloud; every package its code loads is a dependency (or Node's own)", () => {
    const manifest = JSON.parse(tarballFile(packages.localCloud, "package.json"));
    expect(manifest.bin).toEqual({ "slb-local-cloud": "lib/local-cloud/main.js" });
    // The emulator's data source ID uses zlib.crc32, new in Node 20.15.
    expect(manifest.engines).toEqual({ node: ">=20.15" });
    expect(tarballFile(packages.localCloud, "lib/local-cloud/main.js")).toMatch(/^#!\/usr\/bin\/env node\n/);
    const loads: Record<string, string[]> = {};
    for (const file of tarballFiles(packages.localCloud).filter((f) => f.endsWith(".js"))) {
      const { importedFiles } = ts.preProcessFile(tarballFile(packages.localCloud, file), true, true);
      for (const { fileName } of importedFiles) {
        if (fileName.startsWith(".")) continue;
        const name = fileName.startsWith("@") ? fileName.split("/").slice(0, 2).join("/") : fileName.split("/")[0];
        if (builtinModules.includes(name.replace(/^node:/, ""))) continue;
        (loads[name] ??= []).push(file);
      }
    }
    // typescript is loaded only to build the provider from this repository's sources; the package ships it built.
    expect(loads.typescript).toEqual(["lib/local-cloud/transpile.js", "lib/local-cloud/transpile.js"]);
    delete loads.typescript;
    expect(Object.keys(loads).sort()).toEqual(Object.keys(manifest.dependencies).sort());
  });
});

describe("the library as other repositories import it", () => {
  let built: string;
  beforeAll(() => {
    // The test run's one `npm run package` (support/packages.ts): its dist/ is the jsii build.
    built = builtProject();
  }, 600_000);

  it("is importable by its own name, and synthesizes a certificate from the built JavaScript", () => {
    const script = `
    const { App, TerraformStack } = require("cdktf");
    const { AlicloudProvider } = require(${JSON.stringify(`${NAME}/alicloud`)});
    const lib = require(${JSON.stringify(NAME)});
    const fs = require("fs");
    if (!require.resolve(${JSON.stringify(NAME)}).includes("/dist/constructs/")) throw new Error("not the built package");
    const app = new App({ outdir: process.argv[1] });
    const stack = new TerraformStack(app, "consumer");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const ca = new lib.CaCertificate(stack, "ClientCa", { caCertificate: fs.readFileSync(${JSON.stringify(path.join(ROOT, "examples", "certs", "sample-root-ca.pem"))}, "utf8") });
    app.synth();
    console.log(ca.fingerprint);
  `;
    const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "pkg-"));
    const run = spawnSync(process.execPath, ["--import", "tsx", "-e", script, outdir], { cwd: built, encoding: "utf8" });
    expect(run.stderr).toBe("");
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, "__tests__", "fixtures", "manifest.json"), "utf8"));
    expect(run.stdout.trim()).toBe(manifest["examples/sample-root-ca.pem"].sha1);
    const stack = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "consumer", "cdk.tf.json"), "utf8"));
    expect(Object.keys(stack.resource.alicloud_slb_ca_certificate)).toHaveLength(1);
  });

  it("./alicloud gives the very binding classes the construct uses: instanceof holds", () => {
    const script = `
    const { Testing, TerraformStack } = require("cdktf");
    const { AlicloudProvider, SlbCaCertificate, SlbListener, SlbLoadBalancer, SlbServerCertificate, DataAlicloudSlbCaCertificates } = require(${JSON.stringify(`${NAME}/alicloud`)});
    const { CaCertificate } = require(${JSON.stringify(NAME)});
    const stack = new TerraformStack(Testing.app(), "s");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    const ca = new CaCertificate(stack, "Ca", { caCertificate: require("fs").readFileSync(${JSON.stringify(path.join(ROOT, "examples", "certs", "sample-root-ca.pem"))}, "utf8") });
    console.log(JSON.stringify([ca.resource instanceof SlbCaCertificate, [SlbListener, SlbLoadBalancer, SlbServerCertificate, DataAlicloudSlbCaCertificates].map((c) => c.tfResourceType)]));
  `;
    const run = spawnSync(process.execPath, ["-e", script], { cwd: built, encoding: "utf8" });
    expect(run.stderr).toBe("");
    expect(JSON.parse(run.stdout)).toEqual([
      true,
      ["alicloud_slb_listener", "alicloud_slb_load_balancer", "alicloud_slb_server_certificate", "alicloud_slb_ca_certificates"],
    ]);
  });

  it("declares cdktf and constructs as peer dependencies, and types through exports", () => {
    const pkg = JSON.parse(fs.readFileSync(path.join(built, "package.json"), "utf8"));
    expect(Object.keys(pkg.peerDependencies).sort()).toEqual(["cdktf", "constructs"]);
    for (const entry of [".", "./alicloud"]) {
      expect(fs.existsSync(path.join(built, pkg.exports[entry].types))).toBe(true);
      expect(fs.existsSync(path.join(built, pkg.exports[entry].default))).toBe(true);
    }
  });
});
