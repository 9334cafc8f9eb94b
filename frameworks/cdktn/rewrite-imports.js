"use strict";
/**
 * Rewrites a TypeScript file's module specifiers from cdktf to cdktn, and nothing
 * else: `cdktf` -> `cdktn`, `cdktf/<path>` -> `cdktn/<path>`, `@cdktf/provider-<x>`
 * -> `@cdktn/provider-<x>` (the upgrade guide's renames). Specifiers are found by
 * TypeScript's own scanner (imports, exports, `import()`, `require()`), so strings
 * and comments that merely mention cdktf stay as they are.
 */
const fs = require("fs");
const path = require("path");
const ts = require("typescript");

/** The cdktn specifier for a cdktf one, or null when the specifier is not cdktf's. */
function cdktnSpecifier(specifier) {
  if (specifier === "cdktf") return "cdktn";
  if (specifier.startsWith("cdktf/")) return "cdktn/" + specifier.slice("cdktf/".length);
  if (specifier.startsWith("@cdktf/provider-")) return "@cdktn/provider-" + specifier.slice("@cdktf/provider-".length);
  return null;
}

/** Every string literal that names a module in the file: import/export from, import(), require(), import("x").T, import x = require(). */
function moduleSpecifiers(sourceFile) {
  const found = [];
  const visit = (node) => {
    let literal;
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) literal = node.moduleSpecifier;
    else if (ts.isExternalModuleReference(node)) literal = node.expression;
    else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal = node.argument.literal;
    else if (ts.isCallExpression(node) && node.arguments.length === 1) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword || (ts.isIdentifier(callee) && callee.text === "require")) literal = node.arguments[0];
    }
    if (literal && ts.isStringLiteralLike(literal)) found.push(literal);
    ts.forEachChild(node, visit);
  };
  visit(sourceFile);
  return found;
}

/**
 * @param {string} source a TypeScript file's text
 * @param {string} [fileName] for TypeScript's parser (.ts or .tsx)
 * @returns {{ text: string, rewritten: string[] }} the text with cdktn specifiers, and the cdktf specifiers it replaced
 */
function rewriteImports(source, fileName = "file.ts") {
  const sourceFile = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true);
  const edits = moduleSpecifiers(sourceFile)
    .map((literal) => ({ literal, replacement: cdktnSpecifier(literal.text) }))
    .filter((edit) => edit.replacement !== null)
    .sort((a, b) => b.literal.getStart() - a.literal.getStart());
  let text = source;
  for (const { literal, replacement } of edits) {
    // Keep the literal's own quotes: replace what lies between them.
    const start = literal.getStart(sourceFile) + 1;
    const end = literal.getEnd() - 1;
    text = text.slice(0, start) + replacement + text.slice(end);
  }
  return { text, rewritten: edits.map((edit) => edit.literal.text).reverse() };
}

/**
 * Copies a .ts file, or every .ts file below a folder, from `from` to `to` with its
 * specifiers rewritten (what a switch to cdktn does to an app's sources); returns how many.
 * @param {string} from
 * @param {string} to
 */
function copyRewritten(from, to) {
  const files = fs.statSync(from).isDirectory()
    ? fs
        .readdirSync(from, { withFileTypes: true, recursive: true })
        .filter((entry) => entry.isFile() && entry.name.endsWith(".ts"))
        .map((entry) => path.join(entry.parentPath, entry.name))
    : [from];
  let count = 0;
  for (const file of files) {
    const { text, rewritten } = rewriteImports(fs.readFileSync(file, "utf8"), file);
    const target = path.join(to, path.relative(from, file));
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text);
    count += rewritten.length;
  }
  return count;
}

module.exports = { rewriteImports, cdktnSpecifier, copyRewritten, moduleSpecifiers };
