/**
 * A copy of the project that a build may write into (dist/, .jsii), so that a
 * test that builds never races another that reads the project's own dist/:
 * package.json, README, docs/, LICENSE, the scripts the build runs, the
 * bindings, the jsii tsconfig and every folder it compiles, and what the local
 * cloud's package is built from (`npm run package` builds both), and the cdktn
 * leg (frameworks/cdktn: its scripts and bindings; its tools installed in place);
 * node_modules is linked, not copied.
 */
import * as fs from "fs";
import * as path from "path";

export const PROJECT_ROOT = path.join(__dirname, "..", "..");

/** Copies what a build needs into `to` (which must exist). */
export function copyProjectForBuild(to: string): void {
  const tsconfig = JSON.parse(fs.readFileSync(path.join(PROJECT_ROOT, "tsconfig.jsii.json"), "utf8"));
  const sourceDirs = new Set<string>((tsconfig.include as string[]).map((glob) => glob.split("/")[0]));
  const localCloud = ["emulator", "local-cloud"];
  for (const entry of [
    "package.json",
    "README.md",
    "docs",
    "LICENSE",
    "tsconfig.jsii.json",
    "scripts",
    ".gen",
    "cdktf.json",
    "schema-cache",
    ...localCloud,
    ...sourceDirs,
  ]) {
    fs.cpSync(path.join(PROJECT_ROOT, entry), path.join(to, entry), { recursive: true });
  }
  fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules"), path.join(to, "node_modules"));
  const leg = path.join("frameworks", "cdktn");
  const skipped = new Set(["node_modules", "build"].map((entry) => path.join(PROJECT_ROOT, leg, entry)));
  fs.cpSync(path.join(PROJECT_ROOT, leg), path.join(to, leg), { recursive: true, filter: (source) => !skipped.has(source) });
  fs.symlinkSync(path.join(PROJECT_ROOT, leg, "node_modules"), path.join(to, leg, "node_modules"));
}
