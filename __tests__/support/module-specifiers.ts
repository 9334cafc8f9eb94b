/**
 * Every module a source file loads, read with the TypeScript parser: import,
 * export-from, import(), require(), require.resolve(), import-equals and
 * import types. A load whose specifier is not a string literal cannot be
 * judged, and is returned as a description in angle brackets.
 */
import * as ts from "typescript";

/** Each module specifier in `text`, or a description of a module load whose specifier is not a literal. */
export function moduleSpecifiers(file: string, text: string): string[] {
  const found: string[] = [];
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const literal = (node: ts.Node | undefined, what: string) => {
    if (node && (ts.isStringLiteral(node) || ts.isNoSubstitutionTemplateLiteral(node))) found.push(node.text);
    else found.push(`<${what} with a computed specifier>`);
  };
  const visit = (node: ts.Node): void => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) literal(node.moduleSpecifier, "import/export");
    else if (ts.isImportEqualsDeclaration(node) && ts.isExternalModuleReference(node.moduleReference)) literal(node.moduleReference.expression, "import =");
    else if (ts.isCallExpression(node)) {
      const callee = node.expression;
      if (callee.kind === ts.SyntaxKind.ImportKeyword) literal(node.arguments[0], "import()");
      else if (ts.isIdentifier(callee) && callee.text === "require") literal(node.arguments[0], "require()");
      else if (
        ts.isPropertyAccessExpression(callee) &&
        ts.isIdentifier(callee.expression) &&
        callee.expression.text === "require" &&
        callee.name.text === "resolve"
      )
        literal(node.arguments[0], "require.resolve()");
    } else if (ts.isImportTypeNode(node) && ts.isLiteralTypeNode(node.argument)) literal(node.argument.literal, "import type");
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}
