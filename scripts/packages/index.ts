/**
 * Every publishable npm package this repository builds, in one list: `npm run
 * package` writes each one's tarball to dist/packages/. To add a package, add
 * one entry (a name and a function that stages and packs it).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { packCdktnLibrary } from "./cdktn-library";
import { packLibrary } from "./library";
import { packLocalCloud } from "./local-cloud";

export interface PublishablePackage {
  readonly name: string;
  /** Stages the package in `staging` (an empty folder) from the repository at `root`, packs it into `outDir`; returns the tarball. */
  readonly pack: (root: string, staging: string, outDir: string) => string;
}

export const PACKAGES: readonly PublishablePackage[] = [
  { name: "cdktf-alicloud-slb-ca-certificate", pack: packLibrary },
  { name: "cdktn-alicloud-slb-ca-certificate", pack: packCdktnLibrary },
  { name: "alicloud-slb-local-cloud", pack: packLocalCloud },
];

/** Packs every package of the repository at `root` (built with `npm run build`) into `outDir`, replacing its content; returns the tarballs. */
export function packAll(root: string, outDir: string): string[] {
  fs.rmSync(outDir, { recursive: true, force: true });
  return PACKAGES.map((pkg) => {
    const staging = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-stage-"));
    try {
      return pkg.pack(root, staging, outDir);
    } finally {
      fs.rmSync(staging, { recursive: true, force: true });
    }
  });
}
