/**
 * The stacks of the last synth, read from its manifest.json, and the order to
 * run them in: a stack after the stacks it reads from (cdktf records each
 * cross-stack reference as a dependency), never a list written by hand.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "./command-error";

export interface SynthesizedStack {
  readonly name: string;
  /** The stacks whose outputs this one reads. */
  readonly dependencies: readonly string[];
  /** Its Terraform state is a local file (no backend, or the local one). */
  readonly localState: boolean;
}

interface ManifestStack {
  readonly name: string;
  readonly dependencies?: readonly string[];
  readonly synthesizedStackPath: string;
}

/** Every stack in `outdir`'s manifest, in dependency order (a stack after those it depends on; otherwise as listed). */
export function synthesizedStacks(outdir: string): SynthesizedStack[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> };
  const stacks = Object.values(manifest.stacks).map((stack) => {
    const backend = JSON.parse(fs.readFileSync(path.join(outdir, stack.synthesizedStackPath), "utf8")).terraform?.backend;
    return { name: stack.name, dependencies: stack.dependencies ?? [], localState: backend === undefined || "local" in backend };
  });
  return dependencyOrder(stacks);
}

/** The stacks, each after the stacks it depends on; ties keep their order. */
export function dependencyOrder<T extends { readonly name: string; readonly dependencies: readonly string[] }>(stacks: readonly T[]): T[] {
  const byName = new Map(stacks.map((s) => [s.name, s]));
  const ordered: T[] = [];
  const state = new Map<string, "visiting" | "done">();
  const visit = (stack: T, chain: string[]) => {
    if (state.get(stack.name) === "done") return;
    if (state.get(stack.name) === "visiting") throw new CommandError(`The stacks depend on each other in a circle: ${[...chain, stack.name].join(" -> ")}.`, 2);
    state.set(stack.name, "visiting");
    for (const dependency of stack.dependencies) {
      const other = byName.get(dependency);
      if (other) visit(other, [...chain, stack.name]);
    }
    state.set(stack.name, "done");
    ordered.push(stack);
  };
  for (const stack of stacks) visit(stack, []);
  return ordered;
}

/**
 * The stacks to run: all of them when `names` is empty, else those named, in
 * dependency order either way (reversed for a destroy, so that a stack goes
 * before the stacks it reads from).
 */
export function selectStacks<T extends SynthesizedStack>(stacks: readonly T[], names: readonly string[], order: "deploy" | "destroy"): T[] {
  const unknown = names.filter((name) => !stacks.some((s) => s.name === name));
  if (unknown.length > 0) {
    const what = unknown.length === 1 ? `no stack ${JSON.stringify(unknown[0])}` : `no stacks ${unknown.map((n) => JSON.stringify(n)).join(", ")}`;
    throw new CommandError(`The app has ${what}; its stacks: ${stacks.map((s) => s.name).join(", ")}.`, 2);
  }
  const chosen = names.length === 0 ? [...stacks] : stacks.filter((s) => names.includes(s.name));
  return order === "deploy" ? chosen : chosen.reverse();
}
