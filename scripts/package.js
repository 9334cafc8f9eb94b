#!/usr/bin/env node
"use strict";
/**
 * `npm run package`: everything that can be built on a machine whose only
 * network is the npm registry, into dist/ (git-ignored):
 *
 *   dist/constructs, dist/.gen, .jsii   the jsii build (`npm run build`)
 *   dist/js/*.tgz                       the npm package, .jsii assembly inside
 *   dist/python, dist/java,             `jsii-pacmak --code-only` sources
 *   dist/dotnet, dist/go
 *   dist/wheel/*.whl                    the Python wheel, built offline from dist/python
 *
 * Full pacmak builds of Java, .NET and Go, and the PyPI upload, need tools from
 * Maven Central, NuGet, the Go proxy and PyPI: a networked release pipeline
 * runs them (README, "Other languages (jsii)").
 */
const { spawnSync } = require("child_process");
const fs = require("fs");
const path = require("path");

const root = path.join(__dirname, "..");
const dist = path.join(root, "dist");
const CODE_ONLY_TARGETS = ["python", "java", "dotnet", "go"];

const env = {
  ...process.env,
  JSII_SILENCE_WARNING_END_OF_LIFE_NODE_VERSION: "20",
  // pacmak runs `npm pack`, whose `prepack` would rebuild (and first delete) dist/ under its feet.
  npm_config_ignore_scripts: "true",
};

/**
 * @param {string} command
 * @param {string[]} args
 * @param {import("child_process").SpawnSyncOptions} [options]
 */
function run(command, args, options = {}) {
  const result = spawnSync(command, args, { cwd: root, stdio: "inherit", env, ...options });
  if (result.status !== 0) {
    console.error(`failed: ${command} ${args.join(" ")}`);
    process.exit(result.status === null ? 1 : result.status);
  }
  return result;
}

/** A python3 that has setuptools and wheel (Debian's /usr/bin/python3 has both; pyenv's may not). */
function findPython() {
  const candidates = [process.env.PYTHON, "python3", "/usr/bin/python3"].filter(/** @returns {p is string} */ (p) => Boolean(p));
  for (const python of candidates) {
    const probe = spawnSync(python, ["-c", "import setuptools, wheel"], { stdio: "ignore" });
    if (probe.status === 0) return python;
  }
  console.error(`no python3 with setuptools and wheel among: ${candidates.join(", ")} (set PYTHON)`);
  process.exit(1);
}

run("npm", ["run", "build", "--silent"]);

fs.mkdirSync(path.join(dist, "js"), { recursive: true });
run("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", path.join(dist, "js")], { stdio: ["ignore", "ignore", "inherit"] });

run(process.execPath, [
  require.resolve("jsii-pacmak/bin/jsii-pacmak"),
  "--code-only",
  "--force",
  "--no-npmignore",
  "--outdir",
  dist,
  "--targets",
  ...CODE_ONLY_TARGETS,
]);

// pip writes its temporary build tree under TMPDIR: keep it inside dist/.
const pipTmp = path.join(dist, ".pip-tmp");
fs.mkdirSync(pipTmp, { recursive: true });
run(findPython(), ["-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "--no-index", "--no-cache-dir", "--quiet", "-w", path.join(dist, "wheel"), "."], {
  cwd: path.join(dist, "python"),
  env: { ...env, TMPDIR: pipTmp, PIP_DISABLE_PIP_VERSION_CHECK: "1" },
});
fs.rmSync(pipTmp, { recursive: true, force: true });

console.log(`packaged into ${path.relative(process.cwd(), dist) || "."}/: js, ${CODE_ONLY_TARGETS.join(", ")}, wheel`);
