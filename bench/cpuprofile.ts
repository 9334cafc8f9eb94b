/**
 * Summarises a V8 `.cpuprofile` (from `node --cpu-prof`): self time and
 * total (inclusive) time per function, as shares of the profile.
 */
import * as fs from "fs";
import * as path from "path";

interface ProfileNode {
  readonly id: number;
  readonly callFrame: { readonly functionName: string; readonly url: string; readonly lineNumber: number };
  readonly children?: number[];
}

interface Profile {
  readonly nodes: ProfileNode[];
  readonly samples: number[];
  readonly timeDeltas: number[];
  readonly startTime: number;
  readonly endTime: number;
}

export interface FunctionCost {
  /** `name (file:line)`, the file relative to the project. */
  readonly function: string;
  readonly selfMs: number;
  readonly totalMs: number;
  readonly selfShare: number;
  readonly totalShare: number;
}

export interface ProfileSummary {
  readonly durationMs: number;
  readonly functions: FunctionCost[];
}

function label(node: ProfileNode, root: string): string {
  const { functionName, url, lineNumber } = node.callFrame;
  const file = url.startsWith("file://") ? path.relative(root, url.slice("file://".length)) : url;
  return `${functionName || "(anonymous)"} (${file || "native"}${file ? `:${lineNumber + 1}` : ""})`;
}

/** Self and inclusive time per function; recursion is counted once per stack in the inclusive figure. */
export function summariseProfile(file: string, root = process.cwd()): ProfileSummary {
  const profile = JSON.parse(fs.readFileSync(file, "utf8")) as Profile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const sampleMs = new Map<number, number>();
  profile.samples.forEach((id, i) => sampleMs.set(id, (sampleMs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0) / 1000));

  const self = new Map<string, number>();
  const total = new Map<string, number>();
  for (const [id, ms] of sampleMs) {
    const leaf = byId.get(id)!;
    const leafLabel = label(leaf, root);
    self.set(leafLabel, (self.get(leafLabel) ?? 0) + ms);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const l = label(byId.get(cur)!, root);
      if (seen.has(l)) continue;
      seen.add(l);
      total.set(l, (total.get(l) ?? 0) + ms);
    }
  }
  const durationMs = (profile.endTime - profile.startTime) / 1000;
  const functions = [...total.entries()].map(([fn, totalMs]) => ({
    function: fn,
    selfMs: self.get(fn) ?? 0,
    totalMs,
    selfShare: (self.get(fn) ?? 0) / durationMs,
    totalShare: totalMs / durationMs,
  }));
  return { durationMs, functions };
}
