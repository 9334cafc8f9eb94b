/**
 * What every publishable package shares: a staging folder with exactly the
 * files to publish and a package.json without lifecycle scripts (npm warns
 * about install scripts of a tarball, and the repository's scripts name files
 * that are not shipped), packed with `npm pack` into the output folder.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";

/** A package.json as this repository writes them. */
export type PackageJson = Record<string, unknown> & { name: string; version: string };

/** The repository's package.json. */
export function rootPackageJson(root: string): PackageJson {
  return JSON.parse(fs.readFileSync(path.join(root, "package.json"), "utf8"));
}

/** The manifest to publish: no scripts and no devDependencies (the repository's, for building it). */
export function publishedManifest(manifest: PackageJson): PackageJson {
  const { scripts: _scripts, devDependencies: _devDependencies, ...published } = manifest;
  return published as PackageJson;
}

/** Copies `relative` (a file) from `from` into the staging folder `to`. */
export function copyInto(from: string, to: string, relative: string): void {
  const target = path.join(to, relative);
  fs.mkdirSync(path.dirname(target), { recursive: true });
  fs.copyFileSync(path.join(from, relative), target);
}

/** Writes the staged package.json and packs the staging folder into `outDir`; returns the tarball's path. */
export function pack(staging: string, manifest: PackageJson, outDir: string): string {
  fs.writeFileSync(path.join(staging, "package.json"), `${JSON.stringify(manifest, null, 2)}\n`);
  fs.mkdirSync(outDir, { recursive: true });
  const packed = JSON.parse(
    execFileSync("npm", ["pack", staging, "--json", "--ignore-scripts", "--pack-destination", outDir], {
      cwd: staging,
      encoding: "utf8",
      env: { ...process.env, npm_config_update_notifier: "false" },
    }),
  );
  return path.join(outDir, packed[0].filename);
}
