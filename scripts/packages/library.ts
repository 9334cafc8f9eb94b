/**
 * The construct library, `cdktf-alicloud-slb-ca-certificate`: the files the
 * repository's package.json publishes (`files`: the jsii build in dist/ and
 * .jsii, README, docs/, LICENSE, the bundled re2js), as built by `npm run
 * build` beforehand.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { copyInto, pack, publishedManifest, rootPackageJson } from "./stage";

/** The files of the repository's own `npm pack` (dist/ must be built): what package.json's `files` names, and the bundled re2js. */
function libraryFiles(root: string): string[] {
  const dryRun = JSON.parse(execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: root, encoding: "utf8" }));
  return dryRun[0].files.map((f: { path: string }) => f.path).filter((f: string) => f !== "package.json");
}

/** Stages and packs the library into `outDir`; returns the tarball's path. */
export function packLibrary(root: string, staging: string, outDir: string): string {
  if (!fs.existsSync(path.join(root, ".jsii"))) throw new Error("no .jsii: run npm run build first");
  for (const file of libraryFiles(root)) copyInto(root, staging, file);
  return pack(staging, publishedManifest(rootPackageJson(root)), outDir);
}
