/**
 * Where the project is. The provider runs from its sources (tests) or from
 * the JavaScript that local-cloud/local-provider.js compiles into .local-cloud/provider/,
 * so folders are found from the project root, not from this file's folder.
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
/** The git-ignored folder of everything local deploys write. */
export const LOCAL_CLOUD_DIR = path.join(PROJECT_DIR, ".local-cloud");
