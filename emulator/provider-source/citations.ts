/**
 * The Go code emulator/CONFORMANCE.md cites, read from its tables: for every
 * row of a "Provider at v1.257.0" table, which module, file and functions it
 * names. index.json (made by extract.ts from the modules' sources) lists the
 * functions each cited file has at its tag, so a test can tell a citation of a
 * function that does not exist there.
 *
 * How a cell cites: `file.go: A, B` (a file and functions in it); `A` or `A, B`
 * (functions of the section's file, from its heading); a module name before a span
 * (`terraform-plugin-sdk \`helper/resource/wait.go: Retry\``) makes that span and
 * the spans after it in the same `;` part the module's. Spans in parentheses are
 * code, not citations.
 */

/** The modules a citation may name, at the versions the provider's go.mod pins at v1.257.0 (go-plugin: Terraform's). */
export const MODULES = {
  "terraform-provider-alicloud": { repository: "aliyun/terraform-provider-alicloud", tag: "v1.257.0", root: "alicloud/" },
  "terraform-plugin-sdk": { repository: "hashicorp/terraform-plugin-sdk", tag: "v1.17.2", root: "" },
  "tea-rpc": { repository: "alibabacloud-go/tea-rpc", tag: "v1.2.0", root: "" },
  tea: { repository: "alibabacloud-go/tea", tag: "v1.2.2", root: "" },
  "alibaba-cloud-sdk-go": { repository: "aliyun/alibaba-cloud-sdk-go", tag: "v1.62.590", root: "" },
  /** Not the provider's: Terraform 1.11.4's (its binary's module list), the client side of the plugin protocol. */
  "go-plugin": { repository: "hashicorp/go-plugin", tag: "v1.6.0", root: "" },
} as const;
export type ModuleName = keyof typeof MODULES;

export interface Citation {
  /** The row's first cell, to say where a problem is. */
  readonly row: string;
  readonly module: ModuleName;
  /** The path in the module's repository. */
  readonly file: string;
  readonly functions: readonly string[];
}

/** The functions each file of each module has at its tag (index.json). */
export type SourceIndex = Readonly<Record<string, Readonly<Record<string, readonly string[]>>>>;

const SPAN = /`([^`]+)`/g;

/** Splits a table line into its cells (a `\|` inside a cell is no separator). */
export function cells(line: string): string[] {
  return line
    .split(/(?<!\\)\|/)
    .slice(1, -1)
    .map((cell) => cell.trim());
}

/** The citations of one Provider cell; `sectionFile` is the Go file of the section's heading, if any. */
function cellCitations(row: string, cell: string, sectionFile: string | undefined): Citation[] {
  const out: Citation[] = [];
  for (const part of cell.split(";")) {
    // Parenthesized text is commentary (`d.SetId("")`, (schema)): drop it, innermost first, before reading spans.
    let text = part;
    for (let before = ""; before !== text;) [before, text] = [text, text.replace(/\([^()]*\)/g, "")];
    if (!text.includes("`")) continue; // prose ("the code above", "as above"): nothing to check
    const lead = text.slice(0, text.indexOf("`")).trim();
    const module: ModuleName | undefined = lead === "" ? "terraform-provider-alicloud" : (Object.keys(MODULES) as ModuleName[]).find((m) => lead === m);
    if (module === undefined) {
      out.push({ row, module: "terraform-provider-alicloud", file: "", functions: [`${lead} …: no module of ${Object.keys(MODULES).join(", ")}`] });
      continue;
    }
    for (const [, span] of text.matchAll(SPAN)) {
      const qualified = /^([\w./-]+\.go)(?::\s*(.+))?$/.exec(span);
      if (qualified) {
        const functions = (qualified[2] ?? "")
          .split(",")
          .map((f) => f.trim())
          .filter(Boolean);
        out.push({ row, module, file: MODULES[module].root + qualified[1], functions });
      } else if (/^\w+(?:,\s*\w+)*$/.test(span) && module === "terraform-provider-alicloud" && sectionFile) {
        out.push({ row, module, file: MODULES[module].root + sectionFile, functions: span.split(",").map((f) => f.trim()) });
      } else {
        out.push({ row, module, file: "", functions: [span] });
      }
    }
  }
  return out;
}

/** Every citation in the document's "Provider at v1.257.0" tables. */
export function citations(markdown: string): Citation[] {
  const out: Citation[] = [];
  let sectionFile: string | undefined;
  let providerTable = false;
  for (const line of markdown.split("\n")) {
    if (line.startsWith("## ")) sectionFile = /\(`([\w.]+\.go)`\)/.exec(line)?.[1];
    if (line.startsWith("| Behaviour")) providerTable = cells(line)[1].startsWith("Provider at");
    if (!line.startsWith("| ") || line.startsWith("| Behaviour") || line.startsWith("| ---") || !providerTable) continue;
    const [row, provider] = cells(line);
    out.push(...cellCitations(row, provider, sectionFile));
  }
  return out;
}

/** What the citations name that the index does not have: "row: module file: function". */
export function missingCitations(markdown: string, index: SourceIndex): string[] {
  const problems: string[] = [];
  for (const c of citations(markdown)) {
    const files = index[c.module] ?? {};
    if (c.file === "") problems.push(`${c.row}: ${c.module}: \`${c.functions.join(", ")}\` names no file and no function of the section's file`);
    else if (!files[c.file]) problems.push(`${c.row}: ${c.module} ${c.file}: no such file at ${MODULES[c.module].tag}`);
    else
      for (const f of c.functions)
        if (!files[c.file].includes(f)) problems.push(`${c.row}: ${c.module} ${c.file}: no function ${f} at ${MODULES[c.module].tag}`);
  }
  return problems;
}
