"use strict";
/**
 * The cdktn package's package.json, derived from the root's at build time, so that
 * version, entry points, files, runtime dependencies and jsii settings follow the
 * cdktf package: renamed, peers swapped, no scripts, no dev dependencies.
 */

const { cdktnSpecifier } = require("./rewrite-imports");

const NAME_PATTERN = /cdktf/g;
const CDKTN_PEERS = { cdktn: "^0.24.0", constructs: ">=10.6.0 <10.8.0" };

/** `cdktf` -> `cdktn` and `Cdktf` -> `Cdktn` in every string of a JSON value (jsii target names). */
function renamed(value) {
  if (typeof value === "string") return value.replace(NAME_PATTERN, "cdktn").replace(/Cdktf/g, "Cdktn");
  if (Array.isArray(value)) return value.map(renamed);
  if (value && typeof value === "object") return Object.fromEntries(Object.entries(value).map(([key, inner]) => [key, renamed(inner)]));
  return value;
}

/**
 * @param {object} root the root package.json
 * @param {object} tooling frameworks/cdktn/package.json: the cdktn and constructs versions compiled against
 */
function cdktnPackageJson(root, tooling) {
  // Lifecycle scripts would run in a consumer's install; dev dependencies are the root's build tools.
  const { scripts: _scripts, devDependencies: _dev, peerDependencies: _peers, jsii, ...rest } = root;
  return {
    ...rest,
    name: renamed(root.name),
    description: root.description.replace("A cdktf construct", "A CDK Terrain (cdktn) construct"),
    keywords: ["cdktn", "cdk-terrain", "terraform", "alicloud", "slb"],
    peerDependencies: CDKTN_PEERS,
    // What jsii compiled against (jsii asks for a dev dependency beside each peer); never installed by consumers.
    devDependencies: { cdktn: tooling.devDependencies.cdktn, constructs: tooling.devDependencies.constructs },
    jsii: { ...jsii, targets: renamed(jsii.targets) },
  };
}

/**
 * An app's package.json switched to cdktn, as the upgrade guide says: `cdktf` -> `cdktn`,
 * `cdktf-cli` -> `cdktn-cli`, `@cdktf/provider-*` -> `@cdktn/provider-*`, at this leg's
 * versions (constructs too: cdktn peers on >=10.6.0 <10.8.0). Nothing else changes.
 * @param {{ dependencies?: Record<string, string>, devDependencies?: Record<string, string>, peerDependencies?: Record<string, string> }} app
 * @param {{ devDependencies: Record<string, string> }} tooling frameworks/cdktn/package.json
 */
function cdktnAppPackageJson(app, tooling) {
  /** @param {Record<string, string> | undefined} deps */
  const switched = (deps) =>
    deps &&
    Object.fromEntries(
      Object.entries(deps).map(([name, range]) => {
        const renamed = name === "cdktf-cli" ? "cdktn-cli" : (cdktnSpecifier(name) ?? name);
        return [renamed, renamed === name && renamed !== "constructs" ? range : (tooling.devDependencies[renamed] ?? range)];
      }),
    );
  return { ...app, dependencies: switched(app.dependencies), devDependencies: switched(app.devDependencies), peerDependencies: switched(app.peerDependencies) };
}

module.exports = { cdktnPackageJson, cdktnAppPackageJson, CDKTN_PEERS };
