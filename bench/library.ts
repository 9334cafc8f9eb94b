/**
 * Where the bench takes the library from. By default the compiled package,
 * dist/ (what a user's app loads: plain JavaScript, no transpiler, no source
 * maps), which `npm run bench` builds first; BENCH_LIBRARY=source takes the
 * TypeScript sources through tsx instead (the smoke test, which must not
 * rebuild dist/). Synth children inherit the choice through the environment.
 * Everything is loaded before any clock starts.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");

export type LibrarySource = "dist" | "source";

/** The library the bench measures: BENCH_LIBRARY, else the compiled package. */
export function librarySource(): LibrarySource {
  return process.env.BENCH_LIBRARY === "source" ? "source" : "dist";
}

/** The folder that holds `constructs/` and `.gen/` as the bench loads them. */
function libraryRoot(): string {
  return librarySource() === "dist" ? path.join(ROOT, "dist") : ROOT;
}

/**
 * A module of the library (or of the bindings beside it), e.g. "constructs/x509/inspect-ca-certificate" or
 * ".gen/providers/alicloud/provider"; typed by the caller as the source module (`typeof import(...)`).
 */
export function libraryModule<T>(relative: string): T {
  const file = path.join(libraryRoot(), relative);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  return require(file) as T;
}

/** Builds the compiled package (`npm run build`) unless the bench measures the sources. */
export function buildLibraryIfMeasured(log: (line: string) => void = () => {}): void {
  if (librarySource() !== "dist") return;
  log("building the compiled package (npm run build) ...");
  execFileSync("npm", ["run", "build", "--silent"], { cwd: ROOT, stdio: "pipe" });
  if (!fs.existsSync(path.join(ROOT, "dist", "constructs", "index.js"))) throw new Error("npm run build left no dist/constructs/index.js");
}
