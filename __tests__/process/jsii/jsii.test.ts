/**
 * The jsii build for other cdktf languages: the test run's one `npm run package`,
 * in a copy of the project (support/packages.ts), then checks the assembly, the four languages' generated
 * sources, the Python wheel, and drives the library through the jsii runtime
 * server as a Python program would.
 */
import { execFileSync, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { AssemblyTarball, buildProviderBindings, LIBRARY, libraryTarballInPythonSources, PROVIDER_BINDINGS, ROOT, tarInstalledPackage } from "./assemblies";
import { date, enumMember, JsiiRuntimeClient, JsiiRuntimeError, map, ObjRef, struct } from "./jsii-runtime-client";
import { DocumentedType, documentedApi, typescriptOnlyApi } from "./readme-api";
import { builtProject } from "../../support/packages";

const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));
const PYTHON_MODULE: string = PKG.jsii.targets.python.module;

/** The public types, as docs/api.md's API reference lists them: the assembly must hold exactly these. */
const API = documentedApi();
const PUBLIC_TYPES = API.map((t) => t.name);

let work: string;
let project: string;
let dist: string;

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "jsii-"));
  // The test run's one `npm run package` (support/packages.ts), which these tests only read.
  project = builtProject();
  dist = path.join(project, "dist");
}, 600_000);

afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

interface Docs {
  readonly summary?: string;
  readonly default?: string;
  readonly deprecated?: string;
}
interface Parameter {
  readonly name: string;
  readonly docs?: Docs;
}
interface Callable {
  readonly name: string;
  readonly static?: boolean;
  readonly docs?: Docs;
  readonly parameters?: Parameter[];
}
interface Property {
  readonly name: string;
  readonly static?: boolean;
  readonly optional?: boolean;
  readonly docs?: Docs;
}
interface JsiiType {
  readonly kind: "class" | "interface" | "enum";
  readonly datatype?: boolean;
  readonly docs?: Docs;
  readonly initializer?: { readonly parameters?: Parameter[] };
  readonly properties?: Property[];
  readonly methods?: Callable[];
  readonly members?: { readonly name: string; readonly docs?: Docs }[];
}

function assembly(): { name: string; version: string; targets: Record<string, Record<string, unknown>>; types: Record<string, JsiiType> } {
  return JSON.parse(fs.readFileSync(path.join(project, ".jsii"), "utf8"));
}

/** The library's own types, by short name. */
function ownTypes(): [string, JsiiType][] {
  return Object.entries(assembly().types).map(([fqn, type]) => [fqn.slice(LIBRARY.name.length + 1), type]);
}

/** A type as docs/api.md's API reference lists it. */
function asDocumented(name: string, type: JsiiType): DocumentedType {
  const kind = type.kind === "interface" ? (type.datatype ? "struct" : "interface") : type.kind;
  const statically = (m: { name: string; static?: boolean }, suffix: string) => `${m.static ? "static " : ""}${m.name}${suffix}`;
  const members = [
    ...(type.properties ?? []).map((p) => statically(p, "")),
    ...(type.methods ?? []).map((m) => statically(m, "()")),
    ...(type.members ?? []).map((m) => m.name),
  ];
  return { name, kind, members: members.sort() };
}

describe("the jsii assembly", () => {
  it("names the library, its dependencies and each language's package", () => {
    const a = assembly();
    expect([a.name, a.version]).toEqual([LIBRARY.name, LIBRARY.version]);
    expect(Object.keys((a as unknown as { dependencies: object }).dependencies).sort()).toEqual(["cdktf", "constructs"]);
    expect(a.targets).toEqual({ js: { npm: LIBRARY.name }, ...PKG.jsii.targets });
  });

  it("holds exactly the types of docs/api.md's API reference, each of its kind and with its members", () => {
    const byName = (a: DocumentedType, b: DocumentedType) => (a.name < b.name ? -1 : 1);
    expect(
      ownTypes()
        .map(([name, type]) => asDocumented(name, type))
        .sort(byName),
    ).toEqual([...API].sort(byName));
  });

  it("holds nothing internal: no TypeScript-only export, no underscore member", () => {
    const names = ownTypes().map(([name]) => name);
    expect(typescriptOnlyApi().filter((t) => names.includes(t.name))).toEqual([]);
    const underscored = ownTypes().flatMap(([name, type]) =>
      asDocumented(name, type)
        .members.filter((m) => /(^|\s)_/.test(m))
        .map((m) => `${name}.${m}`),
    );
    expect(underscored).toEqual([]);
  });

  it("the package exports nothing jsii drops: every runtime export is an assembly class or enum, or a documented TypeScript-only class", () => {
    // eslint-disable-next-line @typescript-eslint/no-require-imports
    const exported = Object.keys(require(path.join(ROOT, "constructs")) as object).sort();
    const inAssembly = ownTypes()
      .filter(([, type]) => type.kind !== "interface")
      .map(([name]) => name);
    const typescriptOnly = typescriptOnlyApi()
      .filter((t) => t.kind.endsWith("class"))
      .map((t) => t.name);
    expect(exported).toEqual([...inAssembly, ...typescriptOnly].sort());
  });

  it("documents every type, member and parameter, and the default of every optional struct property", () => {
    const missing: string[] = [];
    const need = (docs: Docs | undefined, what: string) => {
      if (!docs?.summary) missing.push(what);
    };
    for (const [name, type] of ownTypes()) {
      need(type.docs, name);
      for (const p of type.initializer?.parameters ?? []) need(p.docs, `new ${name}(${p.name})`);
      for (const p of type.properties ?? []) {
        need(p.docs, `${name}.${p.name}`);
        if (type.datatype && p.optional && p.docs?.default === undefined) missing.push(`${name}.${p.name} @default`);
      }
      for (const m of type.methods ?? []) {
        need(m.docs, `${name}.${m.name}()`);
        for (const p of m.parameters ?? []) need(p.docs, `${name}.${m.name}(${p.name})`);
      }
      for (const m of type.members ?? []) need(m.docs, `${name}.${m.name}`);
    }
    expect(missing).toEqual([]);
  });

  it("marks each deprecated alias deprecated for every language, and docs/api.md's upgrade notes list each with its replacement", () => {
    const deprecated = ownTypes().flatMap(([name, type]) =>
      [...(type.methods ?? []), ...(type.properties ?? [])].filter((m) => m.docs?.deprecated !== undefined).map((m) => `${name}.${m.name}`),
    );
    expect(deprecated.sort()).toEqual(["CaCertificate.readPemFile", "CaCertificate.verifyClient"]);
    const notes = /## Upgrading to [\d.]+\n([\s\S]*?)\n## /.exec(fs.readFileSync(path.join(ROOT, "docs", "api.md"), "utf8"))![1];
    expect(deprecated.filter((member) => !notes.includes(`| \`${member}(`))).toEqual([]);
  });

  it("ships inside the npm package, beside the compiled library and the bindings it imports", () => {
    const tarball = `${LIBRARY.name}-${LIBRARY.version}.tgz`;
    expect(fs.readdirSync(path.join(dist, "packages"))).toContain(tarball);
    const files = execFileSync("tar", ["-tzf", path.join(dist, "packages", tarball)], { encoding: "utf8" })
      .trim()
      .split("\n");
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

  it("python: has every name docs/jsii.md's Python example uses (static methods and keyword arguments)", () => {
    const module = fs.readFileSync(path.join(dist, "python", "src", PYTHON_MODULE, "__init__.py"), "utf8");
    const example = /```python\n([\s\S]*?)```/.exec(fs.readFileSync(path.join(ROOT, "docs", "jsii.md"), "utf8"))![1];
    const methods = [...example.matchAll(/\b(?:CaCertificate|CaCertificateValidator|PemFile)\.(\w+)\(/g)].map((m) => m[1]);
    const keywords = [...example.matchAll(/^\s+(\w+)=/gm)].map((m) => m[1]);
    expect([methods.length > 0, keywords.length > 0]).toEqual([true, true]);
    expect(methods.filter((name) => !module.includes(`    def ${name}(`))).toEqual([]);
    expect(keywords.filter((name) => !new RegExp(`^\\s+${name}: `, "m").test(module))).toEqual([]);
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
      [
        "-c",
        "import sys, zipfile; z = zipfile.ZipFile(sys.argv[1]); z.extractall(sys.argv[2]); print('\\n'.join(z.namelist()))",
        path.join(dist, "wheel", wheels[0]),
        unpacked,
      ],
      { encoding: "utf8" },
    );
    expect(listing.trim().split("\n")).toEqual(
      expect.arrayContaining([
        `${PYTHON_MODULE}/__init__.py`,
        `${PYTHON_MODULE}/_jsii/__init__.py`,
        `${PYTHON_MODULE}/_jsii/${LIBRARY.name}@${LIBRARY.version}.jsii.tgz`,
      ]),
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

  /** The sample CA and what openssl said about it when the fixtures were generated. */
  const PEM = fs.readFileSync(path.join(ROOT, "examples", "certs", "sample-root-ca.pem"), "utf8");
  const SAMPLE = JSON.parse(fs.readFileSync(path.join(ROOT, "__tests__", "fixtures", "manifest.json"), "utf8"))["examples/sample-root-ca.pem"];
  const SUFFIXED_NAME = `client-ca-${(SAMPLE.sha1 as string).replace(/:/g, "").slice(0, 8)}`;
  const TOKEN = /^\$\{TfToken\[TOKEN\.\d+\]\}$/;
  const NOW = new Date("2026-01-01T00:00:00Z");
  const lib = (type: string) => `${LIBRARY.name}.${type}`;

  async function stackWithProvider(app: ObjRef, id: string): Promise<ObjRef> {
    const stack = await client.create("cdktf.TerraformStack", [app, id]);
    await client.create(`${PROVIDER_BINDINGS}.provider.AlicloudProvider`, [
      stack,
      "alicloud",
      struct(`${PROVIDER_BINDINGS}.provider.AlicloudProviderConfig`, { region: "cn-hangzhou" }),
    ]);
    return stack;
  }

  function codesIn(message: string): string[] {
    return [...message.matchAll(/^ {2}- ([\w.]+):/gm)].map((m) => m[1]);
  }

  it("builds a stack with an AlicloudProvider and a CaCertificate from struct props and a tags map, reads its attributes, gets the validation error for a bad PEM, and synthesizes", async () => {
    const outdir = path.join(work, "pki.out");
    const app = await client.create(lib("AtomicApp"), [struct("cdktf.AppConfig", { outdir })]);
    await client.staticInvoke(lib("CaCertificateInventory"), "addTo", [app, struct(lib("InventoryOptions"), { now: date(NOW) })]);
    const stack = await stackWithProvider(app, "pki");
    const ca = await client.create(lib("CaCertificate"), [
      stack,
      "ClientCa",
      struct(lib("CaCertificateProps"), { caCertificate: PEM, caCertificateName: "client-ca", tags: map({ owner: "platform-team" }) }),
    ]);

    // Known at synth, equal to openssl's; the ID is a token until deploy.
    expect(await client.get(ca, "fingerprint")).toBe(SAMPLE.sha1);
    expect(await client.get(ca, "fingerprintSha256")).toBe(SAMPLE.sha256);
    expect(await client.get(ca, "expireTime")).toBe(SAMPLE.notAfter);
    expect(await client.get(ca, "caCertificateName")).toBe(SUFFIXED_NAME);
    const id = await client.get(ca, "caCertificateId");
    expect(id).toMatch(TOKEN);
    expect(await client.staticInvoke("cdktf.Token", "isUnresolved", [id])).toBe(true);
    const info = (await client.get(ca, "info")) as ObjRef;
    expect([await client.get(info, "subject"), await client.get(info, "keySize")]).toEqual([SAMPLE.subject, SAMPLE.keyBits]);

    // What a Python program gets for a PEM SLB would refuse: an error named after the library's class, every code listed.
    const thrown = await client
      .create(lib("CaCertificate"), [stack, "Bad", struct(lib("CaCertificateProps"), { caCertificate: "not a pem", tags: map({ "acs:team": "x" }) })])
      .catch((e: unknown) => e);
    expect(thrown).toBeInstanceOf(JsiiRuntimeError);
    // From a constructor the server passes the error's name and message as they are; Python raises RuntimeError(message)
    // from a JavaScriptError holding the stack, whose first line names the class.
    expect((thrown as JsiiRuntimeError).errorName).toBe("CaCertificateValidationError");
    expect((thrown as JsiiRuntimeError).javascriptStack.split("\n")[0]).toBe("CaCertificateValidationError: [pki/Bad] 2 problems with the CA certificate:");
    expect((thrown as JsiiRuntimeError).message.split("\n")[0]).toBe("[pki/Bad] 2 problems with the CA certificate:");
    expect(codesIn((thrown as JsiiRuntimeError).message)).toEqual(["InvalidParam.TagKey", "CertificateFormatInvalid"]);

    // The failed construct removed itself: synth writes the good certificate only.
    await client.invoke(app, "synth");
    const synthesized = JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "pki", "cdk.tf.json"), "utf8"));
    expect(synthesized.provider.alicloud).toEqual([{ region: "cn-hangzhou" }]);
    const resources = Object.entries(synthesized.resource.alicloud_slb_ca_certificate);
    expect(resources).toHaveLength(1);
    const [logicalId, resource] = resources[0];
    expect(resource).toEqual(
      expect.objectContaining({
        ca_certificate: PEM,
        ca_certificate_name: SUFFIXED_NAME,
        tags: { owner: "platform-team" },
        lifecycle: { create_before_destroy: true },
      }),
    );
    expect(synthesized.output.ClientCa_fingerprint.value).toBe(SAMPLE.sha1);
    expect(synthesized.output.ClientCa_ca_certificate_id.value).toBe(`\${alicloud_slb_ca_certificate.${logicalId}.id}`);
    const inventory = JSON.parse(fs.readFileSync(path.join(outdir, "ca-certificates.json"), "utf8"));
    expect(inventory.asOf).toBe("2026-01-01");
    expect(inventory.certificates.map((c: Record<string, unknown>) => [c.path, c.name, c.fingerprint, c.expireTime])).toEqual([
      ["pki/ClientCa", SUFFIXED_NAME, SAMPLE.sha1, SAMPLE.notAfter],
    ]);
  });

  it("calls static methods and reads static properties: the validator, its limits, the regions, the output names, the rules", async () => {
    const validator = lib("CaCertificateValidator");
    const info = (await client.staticInvoke(validator, "inspect", [PEM, struct(lib("InspectOptions"), { now: date(NOW) })])) as ObjRef;
    expect([await client.get(info, "fingerprint"), await client.get(info, "commonName"), await client.get(info, "warnings")]).toEqual([
      SAMPLE.sha1,
      SAMPLE.commonName,
      [],
    ]);
    const bad = (await client.staticInvoke(validator, "inspect", ["not a pem"]).catch((e: unknown) => e)) as JsiiRuntimeError;
    // From a method the kernel wraps the error: the message (Python's RuntimeError) starts with the class's name.
    expect([bad.errorName, bad.message.split("\n")[0], codesIn(bad.message)]).toEqual([
      "@jsii/kernel.RuntimeError",
      "CaCertificateValidationError: 1 problem with the CA certificate:",
      ["CertificateFormatInvalid"],
    ]);

    const problems = (await client.staticInvoke(validator, "validateTags", [map({ "acs:team": "x", owner: "platform-team" })])) as ObjRef[];
    expect(await Promise.all(problems.map((p) => client.get(p, "code")))).toEqual(["InvalidParam.TagKey"]);
    const nameProblems = (await client.staticInvoke(validator, "validateName", ["9lives"])) as ObjRef[];
    expect(await Promise.all(nameProblems.map((p) => client.get(p, "code")))).toEqual(["InvalidParam.CACertificateName"]);
    expect(await client.staticInvoke(validator, "validateResourceGroupId", ["rg-acfmxazb4ph6aiy"])).toEqual([]);
    expect([
      await client.staticGet(validator, "MAX_TAGS"),
      await client.staticGet(validator, "MAX_TAG_LENGTH"),
      await client.staticGet(validator, "MAX_PEM_LENGTH"),
    ]).toEqual([20, 128, 64 * 1024]);

    expect(await client.staticInvoke(lib("SlbRegions"), "isKnown", ["cn-hangzhou"])).toBe(true);
    expect(await client.staticInvoke(lib("SlbRegions"), "isKnown", ["cn-hangzou"])).toBe(false);
    expect(await client.staticGet(lib("SlbRegions"), "all")).toEqual(expect.arrayContaining(["cn-hangzhou", "ap-southeast-1"]));

    expect(await client.staticInvoke(lib("PemFile"), "read", [path.join(ROOT, "examples", "certs", "sample-root-ca.pem")])).toBe(PEM);
    // A CA given as its own client: refused, with the code and the CA's subject in the message.
    const verdict = (await client.staticInvoke(validator, "verifyClient", [PEM, PEM, struct(lib("VerifyClientOptions"), { now: date(NOW) })])) as ObjRef;
    const verdictProblems = (await client.get(verdict, "problems")) as ObjRef[];
    expect([await client.get(verdict, "accepted"), await Promise.all(verdictProblems.map((p) => client.get(p, "code")))]).toEqual([
      false,
      ["ClientCertificate.BrokenChain"],
    ]);

    const names = (await client.staticInvoke(lib("CaCertificate"), "outputNames", ["team/ClientCa"])) as ObjRef;
    expect(await client.get(names, "fingerprint")).toBe("team_ClientCa_fingerprint");

    const rules = (await client.staticInvoke(validator, "rules")) as ObjRef[];
    const tagKey = await Promise.all(rules.map(async (r) => [await client.get(r, "code"), await client.get(r, "severity")]));
    expect(tagKey).toContainEqual(["InvalidParam.TagKey", enumMember(lib("RuleSeverity"), "ERROR")]);
    expect(tagKey).toContainEqual(["CACertificate.UnknownRegion", enumMember(lib("RuleSeverity"), "WARNING")]);
  });

  it("takes an enum in struct props and calls back into an object of the client's language (a publish hook)", async () => {
    const run = async (id: string, tags: Record<string, string>) => {
      const outdir = path.join(work, `${id}.out`);
      const app = await client.create(lib("AtomicApp"), [struct("cdktf.AppConfig", { outdir })]);
      const rules = struct(lib("CaCertificatePolicyRules"), { requiredTags: ["owner"], unresolvedPem: enumMember(lib("UnresolvedPemAction"), "ERROR") });
      const policy = await client.create(lib("CaCertificatePolicy"), [rules]);
      expect(await client.get((await client.get(policy, "rules")) as ObjRef, "unresolvedPem")).toEqual(enumMember(lib("UnresolvedPemAction"), "ERROR"));
      await client.invoke((await client.staticInvoke("cdktf.Aspects", "of", [app])) as ObjRef, "add", [policy]);
      // A Python class decorated @jsii.implements(IPublishHook) is created like this.
      const hook = await client.create("Object", [], { interfaces: [lib("IPublishHook")], overrides: [{ method: "beforePublish" }] });
      await client.invoke(app, "onPublish", [hook]);
      const stack = await stackWithProvider(app, id);
      await client.create(lib("CaCertificate"), [stack, "ClientCa", struct(lib("CaCertificateProps"), { caCertificate: PEM, tags: map(tags) })]);
      const calls: string[] = [];
      client.onCallback = ({ method, args }) => {
        calls.push(method);
        fs.writeFileSync(path.join(args[0] as string, "report.txt"), "written by the client\n");
        return undefined;
      };
      const error = await client.invoke(app, "synth").catch((e: unknown) => e);
      return { outdir, calls, error };
    };

    const good = await run("tagged", { owner: "platform-team" });
    expect(good.error).toBeUndefined();
    expect(good.calls).toEqual(["beforePublish"]);
    expect(fs.readFileSync(path.join(good.outdir, "report.txt"), "utf8")).toBe("written by the client\n");

    const refused = await run("untagged", { team: "edge" });
    expect((refused.error as JsiiRuntimeError).message.split("\n")[0]).toBe(
      `CaCertificateSynthError: Synth failed with 1 error; nothing was written to ${refused.outdir}:`,
    );
    expect((refused.error as JsiiRuntimeError).message).toContain('[untagged/ClientCa] Policy.RequiredTag: tag "owner" is required');
    expect(refused.calls).toEqual([]);
    expect(fs.existsSync(refused.outdir)).toBe(false);
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
