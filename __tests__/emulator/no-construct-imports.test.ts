/**
 * The emulator checks the construct library, so it must not echo it: no file
 * under emulator/ may load anything from constructs/ (or the bindings in
 * .gen/, or the build in dist/), by any module form: import, export-from,
 * import(), require(), import-equals, or the package's own name. The neutral
 * common/ (bounded read, lock, atomic write) is shared and allowed. Every module specifier of every
 * emulator file is resolved and judged; a specifier that is not a string
 * literal cannot be judged and is refused too.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { moduleSpecifiers as specifiers } from "../support/module-specifiers";
// eslint-disable-next-line @typescript-eslint/no-require-imports
const PACKAGE_NAME: string = require("../../package.json").name;

const PROJECT = path.join(__dirname, "..", "..");
const FORBIDDEN = ["constructs", ".gen", "dist"];

/** Every .ts/.js file below `dir`. */
function sources(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(?:[cm]?ts|[cm]?js)$/.test(entry.name) ? [full] : [];
  });
}

/** The specifiers of `file` that reach a forbidden folder of `root` (resolved relative to the file), or cannot be judged. */
function forbiddenLoads(root: string, file: string): string[] {
  return specifiers(file, fs.readFileSync(file, "utf8")).filter((spec) => {
    if (spec.startsWith("<")) return true;
    if (spec === PACKAGE_NAME || spec.startsWith(`${PACKAGE_NAME}/`)) return true;
    if (!spec.startsWith(".") && !path.isAbsolute(spec)) return false; // a package: node:fs, @grpc/grpc-js, ...
    const target = path.resolve(path.dirname(file), spec);
    return FORBIDDEN.some((folder) => {
      const relative = path.relative(path.join(root, folder), target);
      return relative === "" || (!relative.startsWith("..") && !path.isAbsolute(relative));
    });
  });
}

test("no emulator file loads anything from constructs/ (or .gen/, dist/), in any module form", () => {
  const files = sources(path.join(PROJECT, "emulator"));
  expect(files.length).toBeGreaterThan(5);
  const loads = Object.fromEntries(files.map((file) => [path.relative(PROJECT, file), forbiddenLoads(PROJECT, file)]));
  expect(loads).toEqual(Object.fromEntries(Object.keys(loads).map((file) => [file, []])));
});

test("control: every module form into constructs/ is caught, and harmless ones pass", () => {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), "emulator-imports-"));
  try {
    fs.mkdirSync(path.join(root, "emulator", "deep"), { recursive: true });
    fs.mkdirSync(path.join(root, "constructs"));
    const file = path.join(root, "emulator", "deep", "control.ts");
    fs.writeFileSync(
      file,
      [
        'import * as fs from "fs";',
        'import { a } from "../account";',
        'import { b } from "../../constructs/pem";',
        'import type { C } from "../../emulator/../constructs";',
        'export { d } from "../../constructs/der";',
        'export * from "../../.gen/providers/alicloud";',
        'const e = require("../../constructs/rules");',
        'const f = import("../../constructs/inspect");',
        'import g = require("../../constructs/index");',
        `const h = require(${JSON.stringify(path.join(root, "constructs", "x"))});`,
        `const i = require("${PACKAGE_NAME}/dist/constructs/pem");`,
        'const j = require("../../" + "constructs");',
        'const k = require.resolve("../../constructs/pem");',
        'type L = import("../../constructs/pem").Pem;',
        'const m = require("../../constructs-like/not-it");',
        'const n = require("@grpc/grpc-js");',
        'import { o } from "../../common/pid-lock";',
        'import { p } from "../../common/../constructs/errors";',
        'const q = require("../../dist/common/pid-lock");',
      ].join("\n"),
    );
    expect(forbiddenLoads(root, file)).toEqual([
      "../../constructs/pem",
      "../../emulator/../constructs",
      "../../constructs/der",
      "../../.gen/providers/alicloud",
      "../../constructs/rules",
      "../../constructs/inspect",
      "../../constructs/index",
      path.join(root, "constructs", "x"),
      `${PACKAGE_NAME}/dist/constructs/pem`,
      "<require() with a computed specifier>",
      "../../constructs/pem",
      "../../constructs/pem",
      "../../common/../constructs/errors",
      "../../dist/common/pid-lock",
    ]);
  } finally {
    fs.rmSync(root, { recursive: true, force: true });
  }
});

test("the emulator reads bounded and locks through common/: no copies of its own", () => {
  const loads = (file: string) => specifiers(file, fs.readFileSync(path.join(PROJECT, "emulator", file), "utf8"));
  expect(loads("bounded-read.ts")).toContain("../common/bounded-file");
  expect(loads("account-file.ts")).toContain("../common/pid-lock");
  // No lock of its own: nothing under emulator/ creates a file exclusively.
  const exclusive = sources(path.join(PROJECT, "emulator")).filter((file) => /"wx"|linkSync|O_EXCL/.test(fs.readFileSync(file, "utf8")));
  expect(exclusive).toEqual([]);
});
