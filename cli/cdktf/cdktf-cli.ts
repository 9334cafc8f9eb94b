/**
 * Finds the cdktf CLI an app installed: each app runs its own (a devDependency,
 * as cdktf's templates set it up), never a global one or this package's.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "./command-error";

/** The CLI packages a cdktf app may have, first match wins (each resolved by a literal name, so that tools can follow it). */
const CLI_PACKAGES = [
  { name: "cdktf-cli", bin: "cdktf", version: "0.21.0", manifest: (dir: string) => require.resolve("cdktf-cli/package.json", { paths: [dir] }) },
];

/** The JavaScript file of the cdktf CLI that `appDir` resolves (node_modules of the app or a folder above it). */
export function cdktfCliFor(appDir: string): string {
  for (const cli of CLI_PACKAGES) {
    let manifest: string;
    try {
      manifest = cli.manifest(appDir);
    } catch {
      continue;
    }
    const bin = JSON.parse(fs.readFileSync(manifest, "utf8")).bin;
    const relative = typeof bin === "string" ? bin : bin?.[cli.bin];
    if (typeof relative === "string") return path.join(path.dirname(manifest), relative);
  }
  const wanted = CLI_PACKAGES.map((p) => `${p.name}@${p.version}`).join(" or ");
  throw new CommandError(`No cdktf CLI is installed for the app in ${appDir}: install it there with \`npm install --save-dev ${wanted}\`.`, 2);
}
