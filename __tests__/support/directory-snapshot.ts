/** Test helper: the files below a directory, for byte-for-byte before/after comparisons of an output folder. */
import * as fs from "fs";
import * as path from "path";

export interface SnapshotOptions {
  /**
   * Record a symbolic link as `-> target` instead of reading through it, to see where a link points.
   * @default false - a link is read like the file it points to
   */
  readonly symlinksAsTargets?: boolean;
}

/** Every file below `dir` (paths relative to it) with its content in base64. */
export function snapshot(dir: string, options: SnapshotOptions = {}): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (sub: string) => {
    for (const entry of fs.readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = path.join(sub, entry.name);
      if (entry.isDirectory()) walk(rel);
      else if (options.symlinksAsTargets && entry.isSymbolicLink()) files[rel] = `-> ${fs.readlinkSync(path.join(dir, rel))}`;
      else files[rel] = fs.readFileSync(path.join(dir, rel), "base64");
    }
  };
  walk("");
  return files;
}
