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
