/**
 * Finds the CLI an app installed: each app runs its own (a devDependency, as
 * cdktf's templates set it up), never a global one or this package's. An app
 * that depends on `cdktn-cli` (CDK Terrain) runs cdktn, any other cdktf.
 *
 * cdktn-cli needs a newer Node than this package (0.24: >=22.19; on Node 20 it
 * crashes at synth): it runs on the app's own Node (`node_modules/.bin/node`,
 * from the npm package `node`) when that one is new enough, else on the `node`
 * of PATH, and never on one below its engines. That Node goes first on its
 * PATH too: cdktn-cli checks `node --version` and starts the app with `node`.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "./command-error";

/** The CLI a deploy runs: which one, its JavaScript file, and the Node that runs it. */
export interface AppCli {
  readonly name: "cdktf" | "cdktn";
  /** The CLI's JavaScript file. */
  readonly script: string;
  /** The Node executable that runs it. */
  readonly node: string;
}

/** The CLI packages an app may have (each resolved by a literal name, so that tools can follow it). */
const CLI_PACKAGES = {
  cdktf: { name: "cdktf-cli", bin: "cdktf", version: "0.21.0", manifest: (dir: string) => require.resolve("cdktf-cli/package.json", { paths: [dir] }) },
  cdktn: { name: "cdktn-cli", bin: "cdktn", version: "0.24.0", manifest: (dir: string) => require.resolve("cdktn-cli/package.json", { paths: [dir] }) },
} as const;

/** The nearest file `relative` at or above `dir`, or null. */
function nearest(dir: string, relative: string): string | null {
  for (let at = path.resolve(dir); ; at = path.dirname(at)) {
    if (fs.existsSync(path.join(at, relative))) return path.join(at, relative);
    if (path.dirname(at) === at) return null;
  }
}

/** Whether the app's package.json (the nearest at or above `appDir`) depends on cdktn-cli. */
export function usesCdktn(appDir: string): boolean {
  const manifest = nearest(appDir, "package.json");
  if (manifest === null) return false;
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
  return [pkg.dependencies, pkg.devDependencies].some((deps) => deps !== undefined && CLI_PACKAGES.cdktn.name in deps);
}

/** The version a Node executable reports (`22.23.3`), or null when it does not run. */
function nodeVersion(node: string): string | null {
  const run = spawnSync(node, ["--version"], { encoding: "utf8" });
  return run.status === 0 ? run.stdout.trim().replace(/^v/, "") : null;
}

/** Whether `version` (x.y.z) is at least the minimum of an engines range such as `>=22.19.0`; a range without one is met. */
export function meetsEngines(version: string, engines: string | undefined): boolean {
  const minimum = /^\s*>=\s*v?(\d+)(?:\.(\d+))?(?:\.(\d+))?/.exec(engines ?? "");
  if (minimum === null) return true;
  const have = version.split(".").map(Number);
  const want = minimum.slice(1).map((part) => Number(part ?? 0));
  for (let i = 0; i < 3; i++) if ((have[i] ?? 0) !== want[i]) return (have[i] ?? 0) > want[i];
  return true;
}

/** The JavaScript file of a CLI package that `appDir` resolves, and its manifest. */
function resolveCli(cli: (typeof CLI_PACKAGES)[keyof typeof CLI_PACKAGES], appDir: string): { script: string; engines?: string } {
  let manifest: string;
  try {
    manifest = cli.manifest(appDir);
  } catch {
    throw new CommandError(
      `No ${cli.bin} CLI is installed for the app in ${appDir}: install it there with \`npm install --save-dev ${cli.name}@${cli.version}\`.`,
      2,
    );
  }
  const pkg = JSON.parse(fs.readFileSync(manifest, "utf8"));
  const relative = typeof pkg.bin === "string" ? pkg.bin : pkg.bin?.[cli.bin];
  if (typeof relative !== "string") throw new CommandError(`${manifest} names no ${cli.bin} command.`, 2);
  return { script: path.join(path.dirname(manifest), relative), engines: pkg.engines?.node };
}

/** The Node that runs cdktn-cli: the app's own if it meets `engines`, else PATH's if it does; a CommandError otherwise. */
function cdktnNode(appDir: string, engines: string | undefined): string {
  const own = nearest(appDir, path.join("node_modules", ".bin", "node"));
  const tried: string[] = [];
  for (const node of [own, "node"]) {
    if (node === null) continue;
    const version = nodeVersion(node);
    if (version !== null && meetsEngines(version, engines)) return node;
    tried.push(`${node === "node" ? "PATH's node" : node} is ${version === null ? "not runnable" : `v${version}`}`);
  }
  throw new CommandError(
    `cdktn-cli needs Node ${engines} (${tried.join(", ")}): add it to the app with \`npm install --save-dev node@22\`, or put a Node ${engines} first on PATH.`,
    2,
  );
}

/** The CLI of the app in `appDir` (its node_modules or a folder above it): cdktn when it depends on cdktn-cli, else cdktf. */
export function appCliFor(appDir: string): AppCli {
  if (usesCdktn(appDir)) {
    const { script, engines } = resolveCli(CLI_PACKAGES.cdktn, appDir);
    return { name: "cdktn", script, node: cdktnNode(appDir, engines) };
  }
  return { name: "cdktf", script: resolveCli(CLI_PACKAGES.cdktf, appDir).script, node: process.execPath };
}
