import * as fs from "fs";
import * as path from "path";

/** The version in the package.json nearest above `dir` (the package this code was installed with). */
export function packageVersion(dir: string): string {
  for (let at = dir; ; at = path.dirname(at)) {
    const manifest = path.join(at, "package.json");
    if (fs.existsSync(manifest)) return JSON.parse(fs.readFileSync(manifest, "utf8")).version;
    if (path.dirname(at) === at) return "unknown";
  }
}
