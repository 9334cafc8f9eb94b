/**
 * Part 3: wall time of the app command, as `cdktf synth` runs it, against
 * cdktf's template default `npx ts-node main.ts`, on the same app with the
 * same environment; and `node cli/cdktf/cdktf.js synth` end to end.
 *
 * Each command runs through a shell from the project root with the
 * environment cdktf-cli 0.21 gives the app (see
 * @cdktf/cli-core/src/lib/synth-stack.js): CDKTF_OUTDIR (a fresh temp dir per
 * run), CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS, CDKTF_CONTEXT_JSON,
 * SYNTH_HCL_OUTPUT, NODE_OPTIONS=--max-old-space-size=4096, no TF_VAR_*; on
 * top of the project's safe env (cli/cdktf/cdktf-env.js). Commands are
 * interleaved, their order rotating with the repetition; the figure is the
 * median wall time from spawn to exit.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { median, pairedRatio } from "./stats";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { cdktfEnv } = require("../cli/cdktf/cdktf-env.js") as { cdktfEnv: (base?: NodeJS.ProcessEnv) => NodeJS.ProcessEnv };

export const ROOT = path.join(__dirname, "..");

export interface AppCommand {
  /** Short name in the table. */
  readonly name: string;
  /** Shell command, run from the project root. */
  readonly command: string;
  /** Extra environment for this command only (e.g. to disable a cache); empty for the compared pair. */
  readonly env?: Readonly<Record<string, string>>;
  /** Whether the command writes the synth output into CDKTF_OUTDIR (checked after each run). */
  readonly writesOutdir: boolean;
  /** At most this many repetitions (information-only rows); default: all. */
  readonly maxRepetitions?: number;
  /** Skip the untimed warm-up run. */
  readonly noWarmup?: boolean;
}

/** The project's app command, read from cdktf.json. */
export function projectAppCommand(): string {
  const config = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")) as { app: string };
  return config.app;
}

/** The commands of the full bench: the compared pair first. */
export function defaultAppCommands(): AppCommand[] {
  return [
    { name: "project app command", command: projectAppCommand(), writesOutdir: true },
    { name: "template default (npx ts-node)", command: "npx ts-node main.ts", writesOutdir: true },
    // Information only: the first run after a change of main.ts or constructs/ (tsx caches its transforms in the temp dir).
    {
      name: "project app command, tsx cache off",
      command: projectAppCommand(),
      env: { TSX_DISABLE_CACHE: "1" },
      writesOutdir: true,
      maxRepetitions: 3,
      noWarmup: true,
    },
    // Information only; the CLI picks its own outdir (cdktf.out/, git-ignored).
    { name: "node cli/cdktf/cdktf.js synth", command: "node cli/cdktf/cdktf.js synth", writesOutdir: false, maxRepetitions: 3, noWarmup: true },
  ];
}

/** The environment cdktf-cli gives the app command, for a given outdir. */
export function appEnv(outdir: string, base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [k, v] of Object.entries(cdktfEnv(base))) if (!k.startsWith("TF_VAR_")) env[k] = v;
  if (!env.NODE_OPTIONS) env.NODE_OPTIONS = "--max-old-space-size=4096";
  return {
    ...env,
    CDKTF_OUTDIR: outdir,
    CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS: "true",
    CDKTF_CONTEXT_JSON: JSON.stringify({ cdktfRelativeModules: [] }),
    SYNTH_HCL_OUTPUT: "false",
  };
}

export interface AppCommandRun {
  readonly wallMs: number;
}

/** Runs a command once; throws when it fails or (for an app command) writes no stack. */
export function runAppCommand(cmd: AppCommand, timeoutMs = 300_000): AppCommandRun {
  const outdir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-bench-app-"));
  try {
    const started = performance.now();
    const child = spawnSync(cmd.command, {
      shell: true,
      cwd: ROOT,
      env: { ...appEnv(outdir), ...cmd.env },
      encoding: "utf8",
      timeout: timeoutMs,
      maxBuffer: 16 * 1024 * 1024,
    });
    const wallMs = performance.now() - started;
    if (child.status !== 0) throw new Error(`${cmd.command} failed (${child.signal ?? child.status}): ${(child.stderr ?? "").slice(-2000)}`);
    if (cmd.writesOutdir && !fs.existsSync(path.join(outdir, "manifest.json"))) {
      throw new Error(`${cmd.command} wrote no manifest.json into CDKTF_OUTDIR`);
    }
    return { wallMs };
  } finally {
    fs.rmSync(outdir, { recursive: true, force: true });
  }
}

export interface AppCommandResult {
  readonly name: string;
  readonly command: string;
  readonly env?: Readonly<Record<string, string>>;
  readonly samplesMs: number[];
  readonly medianMs: number;
}

export interface AppBenchResult {
  readonly commands: AppCommandResult[];
  /** Median of the paired ratios first command / second command (the target's ratio). */
  readonly ratio?: number;
  readonly repetitions: number;
}

/** Runs part 3: every command `repetitions` times, interleaved; first one untimed warm-up run each (unless `warmup` is false). */
export function benchAppCommands(commands: readonly AppCommand[], repetitions: number, log: (line: string) => void = () => {}, warmup = true): AppBenchResult {
  // Warm-up: page cache, npx's resolution, tsx's transform cache; the cold tsx case is its own row.
  if (warmup) for (const cmd of commands) if (!cmd.noWarmup) runAppCommand(cmd);
  const samples = commands.map(() => [] as number[]);
  for (let rep = 0; rep < repetitions; rep++) {
    for (let i = 0; i < commands.length; i++) {
      const index = (i + rep) % commands.length;
      if (rep >= (commands[index].maxRepetitions ?? Infinity)) continue;
      const run = runAppCommand(commands[index]);
      samples[index].push(run.wallMs);
      log(
        `  rep ${rep + 1}/${Math.min(repetitions, commands[index].maxRepetitions ?? Infinity)}  ${commands[index].name.padEnd(36)} ${run.wallMs.toFixed(0).padStart(6)} ms`,
      );
    }
  }
  const results = commands.map((cmd, i) => ({ name: cmd.name, command: cmd.command, env: cmd.env, samplesMs: samples[i], medianMs: median(samples[i]) }));
  return {
    commands: results,
    ratio: commands.length >= 2 ? pairedRatio(samples[0], samples[1]) : undefined,
    repetitions,
  };
}
