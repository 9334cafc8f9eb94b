/**
 * Part 2: synth of N certificates, construct against bare resources, each
 * measurement in a fresh child process (bench/synth-child.ts), so that its
 * peak RSS is its own and every run starts as cold as a real `cdktf synth`.
 *
 * Order: for each repetition, for each N, every kind once; the order of the
 * kinds rotates with the repetition, so that no kind always runs first.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { median, pairedRatio } from "./stats";
import type { SynthKind, SynthMeasurement } from "./synth-app";

export interface SynthOptions {
  readonly ns: readonly number[];
  readonly kinds: readonly SynthKind[];
  /** Kinds per N, where they differ from `kinds` (the information-only kinds can be left out at the largest N). */
  readonly kindsAt?: Readonly<Record<number, readonly SynthKind[]>>;
  /** Repetitions per N; an N missing here gets `defaultRepetitions`. */
  readonly repetitions: Readonly<Record<number, number>>;
  readonly defaultRepetitions: number;
  /** At most this many repetitions for the information-only kinds (all but `bare` and `construct`). */
  readonly infoRepetitions?: number;
  /**
   * Time budget: once one sample of a (kind, N) cell takes longer than this,
   * that cell is not repeated (its figure then rests on fewer samples, flagged
   * `budgetLimited`). Keeps the whole bench within minutes when something is
   * superlinear; never drops the first sample.
   */
  readonly slowSampleMs: number;
  /** Kill a child after this long. */
  readonly childTimeoutMs: number;
}

export interface SynthCell {
  readonly kind: SynthKind;
  readonly n: number;
  readonly samples: SynthMeasurement[];
  readonly totalMs: number;
  /** Median process CPU time over the same window. */
  readonly cpuMs: number;
  readonly createMs: number;
  readonly synthMs: number;
  /** Median total per certificate, ms. */
  readonly perCertificateMs: number;
  readonly maxRssMiB: number;
  readonly baselineRssMiB: number;
  readonly budgetLimited: boolean;
}

export interface SynthComparison {
  /** What the construct is compared with: `bare` resources, or the `by-hand` equivalent (issue 11's baseline). */
  readonly baseline: "bare" | "by-hand";
  readonly n: number;
  /** Median of the paired ratios construct / baseline (pairs of the same repetition), wall time. */
  readonly ratio: number;
  /** The same on process CPU time. */
  readonly cpuRatio: number;
  /** The construct's own cost: median of paired (construct − baseline), per certificate, ms. */
  readonly ownPerCertificateMs: number;
  readonly pairs: number;
}

export interface SynthResult {
  readonly cells: SynthCell[];
  readonly comparisons: SynthComparison[];
}

const CHILD = path.join(__dirname, "synth-child.ts");
const ROOT = path.join(__dirname, "..");

/** Runs one measurement in a fresh `node --import tsx` process. */
export function runSynthChild(kind: SynthKind, n: number, poolFile: string, timeoutMs: number): SynthMeasurement {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-bench-synth-"));
  try {
    const child = spawnSync(process.execPath, ["--import", "tsx", CHILD, JSON.stringify({ kind, n, poolFile, outdir })], {
      cwd: ROOT,
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
      env: { ...process.env, CHECKPOINT_DISABLE: "1" },
    });
    if (child.status !== 0) {
      throw new Error(`synth child ${kind} N=${n} failed (${child.signal ?? child.status}): ${child.stderr.slice(-2000)}`);
    }
    const lines = child.stdout.trim().split("\n");
    const measurement = JSON.parse(lines[lines.length - 1]) as SynthMeasurement;
    const expectedOutputs = kind === "construct" || kind === "bare-outputs" || kind === "by-hand" ? 4 * n : 0;
    if (measurement.resources !== n || measurement.outputs !== expectedOutputs) {
      throw new Error(`synth child ${kind} N=${n} wrote ${measurement.resources} resources and ${measurement.outputs} outputs`);
    }
    return measurement;
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

function cell(kind: SynthKind, n: number, samples: SynthMeasurement[], budgetLimited: boolean): SynthCell {
  const totalMs = median(samples.map((s) => s.totalMs));
  return {
    kind,
    n,
    samples,
    totalMs,
    cpuMs: median(samples.map((s) => s.cpuMs)),
    createMs: median(samples.map((s) => s.createMs)),
    synthMs: median(samples.map((s) => s.synthMs)),
    perCertificateMs: totalMs / n,
    maxRssMiB: median(samples.map((s) => s.maxRssKiB)) / 1024,
    baselineRssMiB: median(samples.map((s) => s.baselineRssKiB)) / 1024,
    budgetLimited,
  };
}

/** Runs part 2. `log` gets one line per child. */
export function benchSynth(poolFile: string, options: SynthOptions, log: (line: string) => void = () => {}): SynthResult {
  const reps = (n: number) => options.repetitions[n] ?? options.defaultRepetitions;
  const maxReps = Math.max(...options.ns.map(reps));
  const kindsAt = (n: number) => options.kindsAt?.[n] ?? options.kinds;
  const isInfo = (kind: SynthKind) => kind !== "bare" && kind !== "construct" && kind !== "by-hand";
  const repsOf = (kind: SynthKind, n: number) => (isInfo(kind) ? Math.min(reps(n), options.infoRepetitions ?? Infinity) : reps(n));
  // samples[kind][n][rep], undefined where a cell was skipped.
  const samples = new Map<string, (SynthMeasurement | undefined)[]>();
  const limited = new Set<string>();
  const key = (kind: SynthKind, n: number) => `${kind}@${n}`;

  for (let rep = 0; rep < maxReps; rep++) {
    for (const n of options.ns) {
      if (rep >= reps(n)) continue;
      const here = kindsAt(n);
      const kinds = here.map((_, i) => here[(i + rep) % here.length]);
      for (const kind of kinds) {
        const k = key(kind, n);
        const list = samples.get(k) ?? [];
        samples.set(k, list);
        if (rep >= repsOf(kind, n)) continue;
        if (limited.has(k)) {
          list.push(undefined);
          continue;
        }
        const m = runSynthChild(kind, n, poolFile, options.childTimeoutMs);
        list.push(m);
        log(
          `  rep ${rep + 1}/${repsOf(kind, n)}  N=${String(n).padStart(5)}  ${kind.padEnd(20)} ${m.totalMs.toFixed(0).padStart(7)} ms  ` +
            `(create ${m.createMs.toFixed(0)}, synth ${m.synthMs.toFixed(0)}, CPU ${m.cpuMs.toFixed(0)})  peak RSS ${(m.maxRssKiB / 1024).toFixed(0)} MiB`,
        );
        if (m.totalMs > options.slowSampleMs && rep + 1 < repsOf(kind, n)) {
          limited.add(k);
          log(`  N=${n} ${kind}: one sample took over ${(options.slowSampleMs / 1000).toFixed(0)} s: not repeated (time budget)`);
        }
      }
    }
  }

  const cells: SynthCell[] = [];
  for (const n of options.ns) {
    for (const kind of kindsAt(n)) {
      const list = (samples.get(key(kind, n)) ?? []).filter((s): s is SynthMeasurement => s !== undefined);
      if (list.length > 0) cells.push(cell(kind, n, list, limited.has(key(kind, n))));
    }
  }

  const comparisons: SynthComparison[] = [];
  for (const baseline of ["bare", "by-hand"] as const) {
    if (!options.kinds.includes("construct") || !options.kinds.includes(baseline)) continue;
    for (const n of options.ns) {
      const construct = samples.get(key("construct", n)) ?? [];
      const base = samples.get(key(baseline, n)) ?? [];
      const paired = construct
        .map((c, i) => [c, base[i]] as const)
        .filter((p): p is readonly [SynthMeasurement, SynthMeasurement] => p[0] !== undefined && p[1] !== undefined);
      if (paired.length === 0) continue;
      comparisons.push({
        baseline,
        n,
        ratio: pairedRatio(
          paired.map((p) => p[0].totalMs),
          paired.map((p) => p[1].totalMs),
        ),
        cpuRatio: pairedRatio(
          paired.map((p) => p[0].cpuMs),
          paired.map((p) => p[1].cpuMs),
        ),
        ownPerCertificateMs: median(paired.map(([c, b]) => c.totalMs - b.totalMs)) / n,
        pairs: paired.length,
      });
    }
  }
  return { cells, comparisons };
}
