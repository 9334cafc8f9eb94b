/**
 * The suite runs against the framework its jest project names (jest.config.js):
 * cdktf in the project cdktf, cdktn (and cdktn's bindings) in the project cdktn,
 * whose `globals.UNIT_FRAMEWORK` says so. Without it, a broken mapping would
 * quietly test cdktf twice.
 */
import * as path from "path";

const FRAMEWORK = (globalThis as { UNIT_FRAMEWORK?: string }).UNIT_FRAMEWORK ?? "cdktf";

test(`cdktf, constructs and the alicloud bindings are ${FRAMEWORK}'s`, () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const framework = require("cdktf/package.json");
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const constructs = require(path.join(path.dirname(require.resolve("constructs")), "..", "package.json"));
  const bindings = require.resolve("../.gen/providers/alicloud/slb-ca-certificate");
  expect({
    framework: framework.name,
    constructs: constructs.version,
    bindings: path.relative(path.join(__dirname, ".."), bindings).startsWith(path.join("frameworks", "cdktn")),
  }).toEqual({
    framework: FRAMEWORK,
    constructs: FRAMEWORK === "cdktn" ? "10.6.0" : "10.4.2",
    bindings: FRAMEWORK === "cdktn",
  });
});

describe("the cdktn project runs the unit tests whose imports reach the framework (frameworks/cdktn/framework-tests.js)", () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { frameworkTests, reachesFramework } = require("../frameworks/cdktn/framework-tests");
  const tests = path.join(__dirname);
  const chosen: string[] = frameworkTests(tests, [path.join(tests, "e2e"), path.join(tests, "process")]).map((f: string) => path.relative(tests, f));

  test("the construct's tests and this one are in; the DER reader's and the emulator's, which load no framework, are out", () => {
    expect(chosen).toEqual(expect.arrayContaining(["framework.test.ts", "ca-certificate.test.ts", "sharing.test.ts", "client-certificates.test.ts"]));
    const out = ["der.test.ts", "emulator/provider.test.ts", "emulator/account.test.ts"];
    expect(chosen.filter((f) => out.includes(f) || f.startsWith("e2e/") || f.startsWith("process/"))).toEqual([]);
  });

  test("a file reaches the framework through the project's own modules, not only by importing it itself", () => {
    // x509/ loads no framework; certificate/ does, through its imports of cdktf and the bindings.
    expect(reachesFramework(path.join(__dirname, "..", "constructs", "x509", "der.ts"))).toBe(false);
    expect(reachesFramework(path.join(__dirname, "..", "constructs", "index.ts"))).toBe(true);
  });
});
