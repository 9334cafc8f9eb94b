"use strict";
/**
 * The unit test files whose imports reach the framework: cdktf (or a cdktf/
 * subpath), constructs, or the generated bindings (.gen/), directly or through
 * the project's own modules. Only these can behave differently under cdktn;
 * the rest (the X.509 engine, the DER reader, the emulator) load no framework,
 * and running them twice would prove nothing.
 */
const fs = require("fs");
const path = require("path");
const ts = require("typescript");
const { moduleSpecifiers } = require("./rewrite-imports");

/** Whether a module specifier names the framework itself. */
function isFramework(specifier) {
  return /^(cdktf|constructs)(\/|$)/.test(specifier) || /(^|\/)\.gen\//.test(specifier);
}

/** The project file a relative specifier names, if it is one. */
function resolveRelative(from, specifier) {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.js`, path.join(base, "index.ts"), path.join(base, "index.js")]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return undefined;
}

/** Whether `file` reaches the framework through its imports; `seen` memoizes per file. */
function reachesFramework(file, seen = new Map()) {
  if (seen.has(file)) return seen.get(file);
  seen.set(file, false); // an import circle adds nothing
  // The same scanner as the cdktn rewrite (TypeScript's parser): a string that merely mentions cdktf is no import.
  const source = ts.createSourceFile(file, fs.readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  let reaches = false;
  for (const specifier of moduleSpecifiers(source).map((literal) => literal.text)) {
    if (isFramework(specifier)) reaches = true;
    else if (specifier.startsWith(".")) {
      const target = resolveRelative(file, specifier);
      if (target && reachesFramework(target, seen)) reaches = true;
    }
    if (reaches) break;
  }
  seen.set(file, reaches);
  return reaches;
}

/** The `*.test.ts` files below `testsDir`, outside `skipped` folders, that reach the framework (absolute paths, sorted). */
function frameworkTests(testsDir, skipped) {
  const seen = new Map();
  return fs
    .readdirSync(testsDir, { recursive: true })
    .map((f) => path.join(testsDir, f))
    .filter((f) => f.endsWith(".test.ts") && !skipped.some((dir) => f.startsWith(`${dir}${path.sep}`)))
    .filter((f) => reachesFramework(f, seen))
    .sort();
}

module.exports = { frameworkTests, reachesFramework };
