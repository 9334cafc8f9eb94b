/**
 * What constructs/synth/cdktf-internals.ts relies on in cdktf's internals, one
 * test per piece, so that a cdktf (or cdktn) that moves or changes one fails
 * here, by name, rather than somewhere deep in AtomicApp's tests.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { Annotations, App, Aspects, TerraformStack } from "cdktf";
import { continueOnErrorAnnotations, onStackSynthesis } from "../constructs/synth/cdktf-internals";
import { moduleSpecifiers } from "./support/module-specifiers";

const INTERNAL_MODULE = "cdktf/lib/synthesize/synthesizer";
const CONSTRUCTS = path.join(__dirname, "..", "constructs");
const outdirs: string[] = [];
afterAll(() => outdirs.forEach((dir) => fs.rmSync(dir, { recursive: true, force: true })));

function app(): { app: App; outdir: string } {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-internals-"));
  outdirs.push(outdir);
  return { app: new App({ outdir, skipValidation: true }), outdir };
}

it("no other library file reaches into cdktf's (or cdktn's) internals", () => {
  const files = (fs.readdirSync(CONSTRUCTS, { recursive: true }) as string[]).filter((f) => f.endsWith(".ts"));
  const reaching = files.filter((f) =>
    moduleSpecifiers(f, fs.readFileSync(path.join(CONSTRUCTS, f), "utf8")).some((spec) => /^(cdktf|cdktn)\/lib\//.test(spec)),
  );
  expect(reaching.map((f) => f.split(path.sep).join("/"))).toEqual(["synth/cdktf-internals.ts"]);
});

function manifestAnnotations(outdir: string): { level: string; message: string }[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8"));
  return Object.values(manifest.stacks as Record<string, { annotations: { level: string; message: string }[] }>).flatMap((s) => s.annotations);
}

it(`${INTERNAL_MODULE} still exports StackSynthesizer and addCustomSynthesis`, () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const internals = require(INTERNAL_MODULE);
  expect([typeof internals.StackSynthesizer, typeof internals.addCustomSynthesis]).toEqual(["function", "function"]);
});

describe("continueOnErrorAnnotations", () => {
  it("lets every stack synthesize past an error annotation, which still reaches the manifest", () => {
    const { app: a, outdir } = app();
    for (const name of ["one", "two"]) {
      const stack = new TerraformStack(a, name);
      Annotations.of(stack).addError(`broken ${name}`);
      expect(continueOnErrorAnnotations(stack, false)).toBe(true);
    }
    a.synth();
    expect(manifestAnnotations(outdir).map((x) => x.message)).toEqual(["broken one", "broken two"]);
  });

  it("control: without it, cdktf aborts at the first stack with an error annotation", () => {
    const { app: a } = app();
    Annotations.of(new TerraformStack(a, "one")).addError("broken one");
    expect(() => a.synth()).toThrow(/broken one/);
  });

  it("leaves a stack's own synthesizer alone", () => {
    const { app: a } = app();
    const stack = new TerraformStack(a, "own");
    const own = { synthesize: () => undefined };
    stack.synthesizer = own;
    expect(continueOnErrorAnnotations(stack, false)).toBe(false);
    expect(stack.synthesizer).toBe(own);
  });
});

describe("onStackSynthesis", () => {
  it("runs after the stack's aspects and before its annotations are collected, once per synth", () => {
    const { app: a, outdir } = app();
    const stack = new TerraformStack(a, "s");
    const order: string[] = [];
    Aspects.of(stack).add({ visit: (node) => void (node === stack && order.push("aspect")) });
    expect(
      onStackSynthesis(stack, () => {
        order.push("hook");
        Annotations.of(stack).addWarning("added by the hook");
      }),
    ).toBe(true);
    a.synth();
    expect(order).toEqual(["aspect", "hook"]);
    expect(manifestAnnotations(outdir).map((x) => x.message)).toEqual(["added by the hook"]);
  });

  it("adds nothing to a stack that has a hook already (cdktf's cannot be replaced)", () => {
    const { app: a } = app();
    const stack = new TerraformStack(a, "s");
    const runs: string[] = [];
    expect(onStackSynthesis(stack, () => runs.push("first"))).toBe(true);
    expect(onStackSynthesis(stack, () => runs.push("second"))).toBe(false);
    a.synth();
    expect(runs).toEqual(["first"]);
  });
});
