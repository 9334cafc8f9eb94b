/**
 * The jsii build for other cdktf languages: `npm run package` once, in a copy of
 * the project (so it never races `__tests__/package.test.ts`, which rebuilds
 * dist/ in place), then checks the assembly, the four languages' generated
 * sources, the Python wheel, and drives the library through the jsii runtime
 * server as a Python program would.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import {
  AssemblyTarball,
  buildProviderBindings,
  LIBRARY,
  libraryTarballInPythonSources,
  PROVIDER_BINDINGS,
  ROOT,
  tarInstalledPackage,
} from "./assemblies";
import { JsiiRuntimeClient, JsiiRuntimeError, map, ObjRef, struct } from "./jsii-runtime-client";

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const PYTHON_MODULE: string = PKG.jsii.targets.python.module;

/**
 * The public types the assembly must hold, no more, no fewer.
 * TEMPORARY (issue 14 phase 1): the jsii-phase1/ subset. Phase 2: the README's public API.
 */
const PUBLIC_TYPES = [
  "CaCertificateIdOptions",
  "CaCertificateInfo",
  "CaCertificateLookupOptions",
  "CaCertificateOutputNames",
  "CaCertificatePolicyOptions",
  "CaCertificatePolicyRules",
  "CaCertificateProps",
  "CaCertificateRemoteStateOptions",
  "Findings",
  "ICaCertificate",
  "ILookedUpCaCertificate",
  "InspectOptions",
  "InventoryOptions",
  "Rule",
  "ValidationProblem",
];

let work: string;
let project: string;
let dist: string;

/** The files `npm run package` needs: package.json, README, scripts, the jsii tsconfig and every folder it compiles. */
function copyProject(to: string): void {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(ROOT, "tsconfig.jsii.json"), "utf8"));
  const sourceDirs = new Set<string>((tsconfig.include as string[]).map((glob) => glob.split("/")[0]));
  for (const entry of ["package.json", "README.md", "tsconfig.jsii.json", "scripts", ".gen", ...sourceDirs]) {
    fs.cpSync(path.join(ROOT, entry), path.join(to, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(ROOT, "node_modules"), path.join(to, "node_modules"));
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "jsii-"));
  project = path.join(work, "project");
  dist = path.join(project, "dist");
  fs.mkdirSync(project);
  copyProject(project);
  execFileSync("npm", ["run", "package", "--silent"], { cwd: project, stdio: "pipe" });
}, 240_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

function assembly(): { name: string; version: string; targets: Record<string, Record<string, unknown>>; types: Record<string, unknown> } {
  return JSON.parse(fs.readFileSync(path.join(project, ".jsii"), "utf8"));
}

describe("the jsii assembly", () => {
  it("names the library, its dependencies and each language's package", () => {
    const a = assembly();
    expect([a.name, a.version]).toEqual([LIBRARY.name, LIBRARY.version]);
    expect(Object.keys((a as unknown as { dependencies: object }).dependencies).sort()).toEqual(["cdktf", "constructs"]);
    expect(a.targets).toEqual({ js: { npm: LIBRARY.name }, ...PKG.jsii.targets });
  });

  it("holds exactly the public types", () => {
    const names = Object.keys(assembly().types).map((fqn) => fqn.slice(LIBRARY.name.length + 1));
    expect(names.sort()).toEqual([...PUBLIC_TYPES].sort());
  });

  it("ships inside the npm package, beside the compiled library and the bindings it imports", () => {
    const tarballs = fs.readdirSync(path.join(dist, "js"));
    expect(tarballs).toEqual([`${LIBRARY.name}-${LIBRARY.version}.tgz`]);
    const files = execFileSync("tar", ["-tzf", path.join(dist, "js", tarballs[0])], { encoding: "utf8" }).trim().split("\n");
    expect(files).toEqual(
      expect.arrayContaining([
        "package/.jsii",
        "package/dist/constructs/index.js",
        "package/dist/.gen/providers/alicloud/slb-ca-certificate/index.js",
        "package/node_modules/re2js/package.json", // a non-jsii dependency must be bundled
      ]),
    );
  });
});

describe("code generation (jsii-pacmak --code-only)", () => {
  const javaDir = `java/src/main/java/${(PKG.jsii.targets.java.package as string).replace(/\./g, "/")}`;
  const dotnetDir = `dotnet/${PKG.jsii.targets.dotnet.packageId}/${(PKG.jsii.targets.dotnet.namespace as string).replace(/\./g, "/")}`;
  const goDir = `go/${PYTHON_MODULE.replace(/_/g, "")}`;

  it("python: one class per public type in the module", () => {
    const module = fs.readFileSync(path.join(dist, "python", "src", PYTHON_MODULE, "__init__.py"), "utf8");
    const missing = PUBLIC_TYPES.filter((name) => !new RegExp(`^class ${name}\\b`, "m").test(module));
    expect(missing).toEqual([]);
  });

  it.each([
    ["java", javaDir, ".java"],
    ["dotnet", dotnetDir, ".cs"],
    ["go", goDir, ".go"],
  ])("%s: one source file per public type", (_language, dir, extension) => {
    const missing = PUBLIC_TYPES.filter((name) => !fs.existsSync(path.join(dist, dir, `${name}${extension}`)));
    expect(missing).toEqual([]);
  });

  it("go: declares the module named in package.json", () => {
    const goMod = fs.readFileSync(path.join(dist, goDir, "go.mod"), "utf8");
    expect(goMod.split("\n")[0]).toBe(`module ${PKG.jsii.targets.go.moduleName}/${PYTHON_MODULE.replace(/_/g, "")}`);
  });
});

describe("the Python wheel", () => {
  function python(): string {
    for (const candidate of [process.env.PYTHON, "python3", "/usr/bin/python3"].filter((p): p is string => Boolean(p))) {
      if (spawnSync(candidate, ["-c", "import zipfile, compileall"]).status === 0) return candidate;
    }
    throw new Error("no python3");
  }

  it("is built, carries the module and the npm tarball, and every file byte-compiles", () => {
    const wheels = fs.readdirSync(path.join(dist, "wheel"));
    expect(wheels).toEqual([`${PYTHON_MODULE}-${LIBRARY.version}-py3-none-any.whl`]);
    const unpacked = path.join(work, "wheel");
    const listing = execFileSync(
      python(),
      ["-c", "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print('\\n'.join(z.namelist()))", path.join(dist, "wheel", wheels[0]), unpacked],
      { encoding: "utf8" },
    );
    expect(listing.trim().split("\n")).toEqual(
      expect.arrayContaining([`${PYTHON_MODULE}/__init__.py`, `${PYTHON_MODULE}/_jsii/__init__.py`, `${PYTHON_MODULE}/_jsii/${LIBRARY.name}@${LIBRARY.version}.jsii.tgz`]),
    );
    const metadata = fs.readFileSync(path.join(unpacked, `${PYTHON_MODULE}-${LIBRARY.version}.dist-info`, "METADATA"), "utf8");
    expect(metadata).toContain(`Name: ${PKG.jsii.targets.python.distName}`);
    expect(metadata).toMatch(/^Requires-Dist: cdktf.*0\.21\.0/m);
    const compile = spawnSync(python(), ["-m", "compileall", "-q", unpacked], { encoding: "utf8", env: { ...process.env, PYTHONDONTWRITEBYTECODE: "" } });
    expect(compile.stdout + compile.stderr).toBe("");
    expect(compile.status).toBe(0);
  });
});

describe("through the jsii runtime server, as a Python program", () => {
  let client: JsiiRuntimeClient;
  let tarballs: AssemblyTarball[];

  beforeAll(async () => {
    const assemblies = path.join(work, "assemblies");
    fs.mkdirSync(assemblies);
    tarballs = [
      tarInstalledPackage("constructs", assemblies),
      tarInstalledPackage("cdktf", assemblies),
      buildProviderBindings(assemblies),
      libraryTarballInPythonSources(dist),
    ];
    client = new JsiiRuntimeClient();
    expect(await client.hello()).toBe("@jsii/runtime@1.140.0");
  }, 120_000);

  afterAll(async () => client?.close());

  it("loads constructs, cdktf, the provider bindings and this library, dependencies first", async () => {
    for (const t of tarballs) {
      const loaded = await client.load(t.name, t.version, t.tarball);
      expect(loaded.assembly).toBe(t.name);
    }
    const ours = tarballs[tarballs.length - 1];
    const loaded = await client.load(ours.name, ours.version, ours.tarball); // a second import is a no-op
    expect(loaded.types).toBe(PUBLIC_TYPES.length);
  });

  it("builds a stack with struct props and a map, reads properties, calls static methods, and synthesizes", async () => {
    const outdir = path.join(work, "cdktf.out");
    const app = await client.create("cdktf.App", [struct("cdktf.AppConfig", { outdir })]);
    const stack = await client.create("cdktf.TerraformStack", [app, "consumer"]);
    await client.create(`${PROVIDER_BINDINGS}.provider.AlicloudProvider`, [
      stack,
      "alicloud",
      struct(`${PROVIDER_BINDINGS}.provider.AlicloudProviderConfig`, { region: "cn-hangzhou" }),
    ]);
    const pem = fs.readFileSync(path.join(ROOT, "examples", "certs", "sample-root-ca.pem"), "utf8");
    const ca = (await client.create(`${PROVIDER_BINDINGS}.slbCaCertificate.SlbCaCertificate`, [
      stack,
      "ClientCa",
      struct(`${PROVIDER_BINDINGS}.slbCaCertificate.SlbCaCertificateConfig`, {
        caCertificate: pem,
        caCertificateName: "client-ca",
        tags: map({ owner: "platform-team" }),
      }),
    ])) as ObjRef;

    expect(await client.get(app, "outdir")).toBe(outdir);
    expect(await client.get(ca, "terraformResourceType")).toBe("alicloud_slb_ca_certificate");
    expect(await client.get(ca, "id")).toMatch(/^\$\{TfToken\[TOKEN\.\d+\]\}$/);
    expect(await client.staticInvoke("cdktf.TerraformStack", "isStack", [stack])).toBe(true);
    expect(await client.staticInvoke("cdktf.Token", "isUnresolved", [await client.get(ca, "id")])).toBe(true);

    await client.invoke(app, "synth");
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "consumer", "cdk.tf.json"), "utf8"));
    expect(synthesized.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    expect(Object.values(synthesized.resource.alicloud_slb_ca_certificate)).toEqual([
      expect.objectContaining({ ca_certificate: pem, ca_certificate_name: "client-ca", tags: { owner: "platform-team" } }),
    ]);
  });

  it("passes an exception from the library back as the runtime's error, with its message", async () => {
    const app = await client.create("cdktf.App", [struct("cdktf.AppConfig", { outdir: path.join(work, "unused.out") })]);
    await client.create("cdktf.TerraformStack", [app, "twice"]);
    const thrown = await client.create("cdktf.TerraformStack", [app, "twice"]).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(JsiiRuntimeError);
    expect((thrown as JsiiRuntimeError).errorName).toBe("Error"); // the thrown error's own name
    expect((thrown as JsiiRuntimeError).message).toContain("There is already a Construct with name 'twice'");
  });

  it("refuses a type the assembly does not hold, as a binding of another version would see it", async () => {
    const thrown = await client.create(`${LIBRARY.name}.NoSuchType`).catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(JsiiRuntimeError);
    expect((thrown as JsiiRuntimeError).errorName).toBe("@jsii/kernel.Fault");
    expect((thrown as JsiiRuntimeError).message).toContain("NoSuchType");
  });
});
