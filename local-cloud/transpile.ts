/**
 * Compiles TypeScript sources to plain CommonJS for node: the entry files and
 * every file they load by a relative path (import, export-from, require()),
 * each written to the same place relative to its output folder as it has
 * below `rootDir`, with the .proto files of their folders beside them. Used to build the local
 * provider from this repository's sources, and the local cloud's package.
 * Transpiled file by file (no type-check: `npm test` runs tsc over all of it).
 */
import * as fs from "fs";
import * as path from "path";
import type * as TypeScript from "typescript";

/** The source file a relative specifier names: `x.ts`, or `x/index.ts`. */
function resolveSource(from: string, specifier: string): string | undefined {
  const base = path.resolve(path.dirname(from), specifier);
  return [`${base}.ts`, path.join(base, "index.ts"), base].find((f) => f.endsWith(".ts") && fs.existsSync(f));
}

/** The entries and everything they load by a relative path, sorted. */
export function sourceClosure(entries: readonly string[]): string[] {
  // Loaded only here: the compiler takes a second to load, and a built package never calls this.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof TypeScript;
  const seen = new Set<string>();
  const queue = entries.map((e) => path.resolve(e));
  while (queue.length > 0) {
    const file = queue.pop()!;
    if (seen.has(file)) continue;
    seen.add(file);
    const { importedFiles } = ts.preProcessFile(fs.readFileSync(file, "utf8"), true, true);
    for (const { fileName } of importedFiles) {
      if (!fileName.startsWith(".")) continue;
      const source = resolveSource(file, fileName);
      if (source === undefined) throw new Error(`${path.relative(process.cwd(), file)} loads ${fileName}, which is no TypeScript file`);
      queue.push(source);
    }
  }
  return [...seen].sort();
}

/**
 * Transpiles `sources` (files below `rootDir`), and copies the .proto files of
 * their folders: `write` gets each output's path relative to the output
 * folder, and its text. Returns those paths, sorted.
 */
export function transpile(sources: readonly string[], rootDir: string, write: (relative: string, text: string) => void): string[] {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const ts = require("typescript") as typeof TypeScript;
  const options = { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true };
  const written: string[] = [];
  const emit = (relative: string, text: string) => {
    write(relative, text);
    written.push(relative);
  };
  for (const source of sources) {
    const relative = path.relative(rootDir, source);
    if (relative.startsWith("..")) throw new Error(`${source} is outside ${rootDir}`);
    const text = fs.readFileSync(source, "utf8");
    emit(relative.replace(/\.ts$/, ".js"), ts.transpileModule(text, { compilerOptions: options, fileName: source }).outputText);
  }
  for (const dir of new Set(sources.map((s) => path.dirname(s)))) {
    for (const proto of fs.readdirSync(dir).filter((f) => f.endsWith(".proto"))) {
      emit(path.relative(rootDir, path.join(dir, proto)), fs.readFileSync(path.join(dir, proto), "utf8"));
    }
  }
  return written.sort();
}
