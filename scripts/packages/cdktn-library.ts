/**
 * The construct library for CDK Terrain, `cdktn-alicloud-slb-ca-certificate`:
 * the same sources as the cdktf package, staged with their cdktf imports
 * rewritten to cdktn, bindings from cdktn's own generator, its own
 * package.json and jsii assembly (frameworks/cdktn/build.js), packed here.
 */
import * as path from "path";
import { stageAndCompile } from "../../frameworks/cdktn/build";
import { pack, publishedManifest } from "./stage";

export const CDKTN_LIBRARY_PACKAGE = "cdktn-alicloud-slb-ca-certificate";

/** Stages, compiles and packs the cdktn library into `outDir`; returns the tarball's path. */
export function packCdktnLibrary(root: string, staging: string, outDir: string): string {
  // build.js stages from the repository it lives in: the one packed here.
  const leg = path.join(root, "frameworks", "cdktn", "build.js");
  if (require.resolve("../../frameworks/cdktn/build") !== leg) throw new Error(`the cdktn leg of ${root} is not ${leg}`);
  // jsii wanted the dev dependencies beside the peers; a consumer never installs them.
  return pack(staging, publishedManifest(stageAndCompile(staging)), outDir);
}
