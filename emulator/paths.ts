/**
 * Where the provider's files are. It runs from its sources (tests), from the
 * JavaScript that local-cloud/provider-install.ts compiles into
 * .local-cloud/provider/, or from the local cloud's package: the schema is
 * found from the nearest folder above with schema-cache/ (the repository, or
 * the package). What it writes (its TLS identity) goes to SLB_LOCAL_CLOUD_DIR,
 * the app's .local-cloud/ folder that the command line sets, never into the package.
 */
import * as fs from "fs";
import * as path from "path";

function findProjectDir(start: string): string {
  for (let dir = start; ; dir = path.dirname(dir)) {
    if (fs.existsSync(path.join(dir, "schema-cache")) && fs.existsSync(path.join(dir, "package.json"))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no project folder (with schema-cache/) above ${start}`);
  }
}

export const PROJECT_DIR = findProjectDir(__dirname);
/** The git-ignored folder of everything local deploys write: SLB_LOCAL_CLOUD_DIR, else the project's .local-cloud/. */
export const LOCAL_CLOUD_DIR = process.env.SLB_LOCAL_CLOUD_DIR ? path.resolve(process.env.SLB_LOCAL_CLOUD_DIR) : path.join(PROJECT_DIR, ".local-cloud");
