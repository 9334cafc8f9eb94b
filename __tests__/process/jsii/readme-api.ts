/**
 * The public API as docs/api.md documents it ("API reference"): every type the
 * jsii assembly must hold, with its kind and members, and the TypeScript-only
 * exports. The tests compare the freshly built assembly and the package's
 * exports with these lists, so that docs/api.md, the code and the assembly
 * cannot drift apart.
 */
import * as fs from "fs";
import * as path from "path";

const API_DOC = fs.readFileSync(path.join(__dirname, "..", "..", "..", "docs", "api.md"), "utf8");

/** One row of an API table: `| \`Name\` | kind | what it is | \`member\`, \`method()\`, static \`other()\` |`. */
export interface DocumentedType {
  readonly name: string;
  readonly kind: string;
  /** Sorted; methods end in "()", static members start with "static ". */
  readonly members: string[];
}

function section(marker: string): string {
  const match = new RegExp(`<!-- ${marker}:start[^>]*-->\\n([\\s\\S]*?)\\n<!-- ${marker}:end -->`).exec(API_DOC);
  if (!match) throw new Error(`docs/api.md has no <!-- ${marker}:start --> ... <!-- ${marker}:end --> section`);
  return match[1];
}

function rows(marker: string): DocumentedType[] {
  return section(marker)
    .split("\n")
    .filter((line) => /^\| `/.test(line))
    .map((line) => {
      const cells = line
        .split("|")
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [name, kind, members] = [cells[0], cells[1], cells[cells.length - 1]];
      const list = members === "" || members === "-" ? [] : members.split(/,\s*/);
      return {
        name: name.replace(/`/g, ""),
        kind,
        members: list.map((m) => m.replace(/`/g, "").replace(/\s+/g, " ").trim()).sort(),
      };
    });
}

/** The types docs/api.md documents for every language: exactly the assembly's. */
export function documentedApi(): DocumentedType[] {
  return rows("api");
}

/** The exports docs/api.md documents as TypeScript only (not in the assembly). */
export function typescriptOnlyApi(): DocumentedType[] {
  return rows("typescript-only");
}
