/**
 * The library's layout, as issue 19 left it: rooms by concern under
 * constructs/, no file over 400 lines, no import circle (type-only imports
 * included: a circle of types is still a circle a reader walks), and x509/
 * free of cdktf.
 */
import * as fs from "fs";
import * as path from "path";
import { moduleSpecifiers } from "./support/module-specifiers";

const ROOT = path.join(__dirname, "..");
const LIBRARY = ["constructs", "common"];
const MAX_LINES = 400;

/** Every library source file, relative to the project, with "/" separators. */
const files = LIBRARY.flatMap((dir) =>
  (fs.readdirSync(path.join(ROOT, dir), { recursive: true }) as string[]).filter((f) => f.endsWith(".ts")).map((f) => `${dir}/${f.split(path.sep).join("/")}`),
);
const text = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The library files `file` imports (relative specifiers that resolve to one of them). */
function importsOf(file: string): string[] {
  return moduleSpecifiers(file, text(file))
    .filter((spec) => spec.startsWith("."))
    .map((spec) => path.posix.normalize(path.posix.join(path.posix.dirname(file), spec)))
    .flatMap((target) => [`${target}.ts`, `${target}/index.ts`].filter((candidate) => files.includes(candidate)));
}

/** Every import circle, each as the files in it, found by a depth-first walk. */
function circles(graph: ReadonlyMap<string, readonly string[]>): string[][] {
  const found: string[][] = [];
  const state = new Map<string, "open" | "done">();
  const stack: string[] = [];
  const walk = (file: string): void => {
    state.set(file, "open");
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (state.get(next) === "open") found.push(stack.slice(stack.indexOf(next)));
      else if (!state.has(next)) walk(next);
    }
    stack.pop();
    state.set(file, "done");
  };
  for (const file of graph.keys()) if (!state.has(file)) walk(file);
  return found;
}

it("has rooms by concern under constructs/, and index.ts as its one entry at the top", () => {
  const rooms = fs.readdirSync(path.join(ROOT, "constructs"), { withFileTypes: true }).filter((e) => e.isDirectory());
  expect(rooms.map((e) => e.name).sort()).toEqual(["backends", "certificate", "policy", "references", "rules", "synth", "x509"]);
  expect(files.filter((f) => f.startsWith("constructs/") && f.split("/").length === 2).sort()).toEqual([
    "constructs/errors.ts",
    "constructs/index.ts",
    "constructs/problems.ts",
    "constructs/read-user-file.ts",
  ]);
});

it(`has no library file over ${MAX_LINES} lines`, () => {
  const long = files.map((f) => [f, text(f).split("\n").length] as const).filter(([, lines]) => lines > MAX_LINES);
  expect(long).toEqual([]);
});

it("has no import circle", () => {
  const graph = new Map(files.map((f) => [f, importsOf(f)]));
  expect([...graph.values()].flat().length).toBeGreaterThan(50);
  expect(circles(graph)).toEqual([]);
});

it("control: the circle finder sees a circle, and only a circle", () => {
  const graph = new Map([
    ["a", ["b"]],
    ["b", ["c"]],
    ["c", ["a"]],
    ["d", ["a"]],
  ]);
  expect(circles(graph)).toEqual([["a", "b", "c"]]);
  expect(
    circles(
      new Map([
        ["a", ["b"]],
        ["b", []],
      ]),
    ),
  ).toEqual([]);
});

it("keeps x509/ free of cdktf: the certificate reading runs without it", () => {
  const reaching = files.filter((f) => f.startsWith("constructs/x509/") && moduleSpecifiers(f, text(f)).some((s) => /^(cdktf|cdktn|constructs)(\/|$)/.test(s)));
  expect(reaching).toEqual([]);
});
