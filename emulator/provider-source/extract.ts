/**
 * Makes index.json from the Go sources at their tags: the functions of every
 * file emulator/CONFORMANCE.md cites, and the schema of alicloud_slb_listener
 * (flags, Default, DiffSuppressFunc, line). Facts only: no Go code is copied.
 *
 *   node --import tsx emulator/provider-source/extract.ts [MIRRORS]
 *
 * MIRRORS holds bare clones as `<owner>+<name>/repo` (default: $SLB_SOURCE_MIRRORS,
 * else /work/.mirror, where the `fetch` tool puts them).
 */
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { MODULES, ModuleName, citations } from "./citations";

export const INDEX_FILE = path.join(__dirname, "index.json");
export const CONFORMANCE_FILE = path.join(__dirname, "..", "CONFORMANCE.md");
export const DEFAULT_MIRRORS = process.env.SLB_SOURCE_MIRRORS ?? "/work/.mirror";
const LISTENER_FILE = "alicloud/resource_alicloud_slb_listener.go";
/** The file that defines the constants the listener's Defaults name (WRRScheduler, OnFlag …). */
const CONSTANTS_FILE = "alicloud/extension_slb.go";

export interface ExtractedAttribute {
  line: number;
  type: string;
  required?: true;
  optional?: true;
  computed?: true;
  forceNew?: true;
  default?: string | number | boolean;
  removed?: true;
  deprecated?: true;
  suppress?: string;
}

export interface Index {
  readonly modules: Record<string, { repository: string; tag: string; commit: string; files: Record<string, string[]> }>;
  readonly listenerSchema: Record<string, ExtractedAttribute>;
}

function gitDir(mirrors: string, module: ModuleName): string {
  return path.join(mirrors, MODULES[module].repository.replace("/", "+"), "repo");
}

function show(mirrors: string, module: ModuleName, file: string): string | undefined {
  try {
    return execFileSync("git", ["--git-dir", gitDir(mirrors, module), "show", `${MODULES[module].tag}:${file}`], {
      encoding: "utf8",
      stdio: "pipe",
      maxBuffer: 64 << 20,
    });
  } catch {
    return undefined;
  }
}

/** Whether the mirrors hold every module (the extraction can run). */
export function mirrorsPresent(mirrors: string = DEFAULT_MIRRORS): boolean {
  return (Object.keys(MODULES) as ModuleName[]).every((m) => fs.existsSync(gitDir(mirrors, m)));
}

/** Top-level functions and methods (by name) of a Go file. */
export function goFunctions(source: string): string[] {
  return [...new Set([...source.matchAll(/^func (?:\([^)]*\) )?(\w+)[[(]/gm)].map((m) => m[1]))].sort();
}

function goDefault(raw: string, constants: Record<string, string>): string | number | boolean {
  if (raw in constants) return constants[raw];
  if (raw === "true" || raw === "false") return raw === "true";
  if (/^-?\d+$/.test(raw)) return Number(raw);
  const quoted = /^"(.*)"$/.exec(raw);
  if (quoted) return quoted[1];
  throw new Error(`a Default this extraction cannot read: ${raw}`);
}

/** The attributes of the listener's schema (top level, and the nested block's as `block.attribute`). */
export function listenerSchema(source: string, constantsSource: string): Record<string, ExtractedAttribute> {
  const constants = Object.fromEntries([...constantsSource.matchAll(/^\s*(\w+)\s*=\s*\w+\("([^"]*)"\)/gm)].map((m) => [m[1], m[2]]));
  const lines = source.split("\n");
  const end = lines.findIndex((l) => /^func resourceAliCloudSlbListenerCreate\(/.test(l));
  const out: Record<string, ExtractedAttribute> = {};
  let current: { name: string; depth: number; attribute: ExtractedAttribute } | undefined;
  let block = "";
  for (let i = 0; i < end; i++) {
    const line = lines[i];
    const start = /^(\t{3}|\t{6})"(\w+)": \{$/.exec(line);
    if (start) {
      const depth = start[1].length;
      if (depth === 3) block = start[2];
      const name = depth === 3 ? start[2] : `${block}.${start[2]}`;
      current = { name, depth, attribute: { line: i + 1, type: "" } };
      out[name] = current.attribute;
      continue;
    }
    const field = /^(\t+)(Type|Required|Optional|Computed|ForceNew|Default|Removed|Deprecated|DiffSuppressFunc):\s*(.*?),?$/.exec(line);
    if (!current || !field || field[1].length !== current.depth + 1) continue;
    const [, , name, value] = field;
    const a = current.attribute;
    if (name === "Type") a.type = value.replace("schema.Type", "").toLowerCase();
    else if (name === "Required" && value === "true") a.required = true;
    else if (name === "Optional" && value === "true") a.optional = true;
    else if (name === "Computed" && value === "true") a.computed = true;
    else if (name === "ForceNew" && value === "true") a.forceNew = true;
    else if (name === "Default") a.default = goDefault(value, constants);
    else if (name === "Removed") a.removed = true;
    else if (name === "Deprecated") a.deprecated = true;
    else if (name === "DiffSuppressFunc") a.suppress = value;
  }
  return out;
}

/** The index as the sources at the tags give it. */
export function extractIndex(mirrors: string = DEFAULT_MIRRORS, markdown: string = fs.readFileSync(CONFORMANCE_FILE, "utf8")): Index {
  const modules: Index["modules"] = {};
  for (const module of Object.keys(MODULES) as ModuleName[]) {
    const { repository, tag } = MODULES[module];
    const commit = execFileSync("git", ["--git-dir", gitDir(mirrors, module), "rev-parse", `${tag}^{commit}`], { encoding: "utf8" }).trim();
    const files: Record<string, string[]> = {};
    const cited = new Set(
      citations(markdown)
        .filter((c) => c.module === module && c.file !== "")
        .map((c) => c.file),
    );
    for (const file of [...cited].sort()) {
      const source = show(mirrors, module, file);
      if (source !== undefined) files[file] = goFunctions(source);
    }
    modules[module] = { repository, tag, commit, files };
  }
  const listener = show(mirrors, "terraform-provider-alicloud", LISTENER_FILE);
  const constants = show(mirrors, "terraform-provider-alicloud", CONSTANTS_FILE);
  if (listener === undefined || constants === undefined) throw new Error(`${LISTENER_FILE} or ${CONSTANTS_FILE} is missing at the tag`);
  return { modules, listenerSchema: listenerSchema(listener, constants) };
}

if (require.main === module) {
  const mirrors = process.argv[2] ?? DEFAULT_MIRRORS;
  fs.writeFileSync(INDEX_FILE, `${JSON.stringify(extractIndex(mirrors), null, 2)}\n`);
  console.log(`wrote ${path.relative(process.cwd(), INDEX_FILE)}`);
}
