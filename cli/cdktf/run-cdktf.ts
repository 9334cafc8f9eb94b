/**
 * Runs the app's cdktf (or cdktn) CLI and shows its output as it comes, line by line,
 * through cdktf-log.ts: a wait, a warning or a failure is on screen (or in the
 * CI log) when it happens, not when cdktf exits.
 */
import { spawn } from "child_process";
import * as readline from "readline";
import * as path from "path";
import { appCliFor } from "./cdktf-cli";
import { cdktfEnv } from "./cdktf-env";
import { logLine, synthFailureLine } from "./cdktf-log";
import { colourWanted } from "./terminal";

/**
 * cdktf draws with ink, which wraps every line at the terminal's width, 80
 * columns when the output is not a terminal: a fingerprint in the outputs
 * summary would be cut in two. A wide "terminal" keeps each value on its line.
 * (Not wider: ink lays out every frame at this width, and at 100,000 columns
 * a synth takes minutes.)
 */
const WIDE_LINES = "data:text/javascript,process.stdout.columns=2000";

export interface RunCdktfOptions {
  /** The environment cdktf and terraform get (cdktfEnv adds its settings). */
  readonly env?: NodeJS.ProcessEnv;
  /** The app folder (its cdktf.json). @default the current folder */
  readonly cwd?: string;
  /** The stack a deploy or destroy runs (its name comes out of cdktf's prefixes). */
  readonly stack?: string;
  /** The outputs file a one-stack deploy writes (cdktf's line naming it is not shown). */
  readonly outputsFile?: string;
}

/** Runs cdktf with `args`; resolves to its exit status. */
export async function runCdktf(args: readonly string[], options: RunCdktfOptions = {}): Promise<number> {
  const cwd = options.cwd ?? process.cwd();
  const interactive = Boolean(process.stdout.isTTY);
  const env = cdktfEnv(options.env ?? process.env, interactive);
  const colour = colourWanted(options.env ?? process.env, interactive);
  const synth = args[0] === "synth";
  const cli = appCliFor(cwd);
  // cdktn-cli checks `node --version` and starts the app with `node`: its Node first on PATH.
  if (cli.name === "cdktn" && path.isAbsolute(cli.node)) env.PATH = `${path.dirname(cli.node)}${path.delimiter}${env.PATH ?? ""}`;
  const child = spawn(cli.node, ["--import", WIDE_LINES, cli.script, ...args], { cwd, env, stdio: ["inherit", "pipe", "pipe"] });
  const logOptions = { colour, stack: options.stack, synth, outputsFile: options.outputsFile };
  const show = (line: string, to: NodeJS.WriteStream) => {
    const shown = logLine(line, logOptions);
    if (shown !== undefined) to.write(`${shown}\n`);
  };
  // A failed synth's stderr is cdktf's framed summary of what the log already showed: kept for one line.
  const stderr: string[] = [];
  const stdoutDone = eachLine(child.stdout, (line) => show(line, process.stdout));
  const stderrDone = eachLine(child.stderr, (line) => (synth ? stderr.push(line) : show(line, process.stderr)));
  const status = await new Promise<number>((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve(code ?? 1));
  });
  await Promise.all([stdoutDone, stderrDone]);
  if (synth) {
    const failure = status === 0 ? null : synthFailureLine(stderr.join("\n"));
    if (failure !== null) process.stderr.write(`${failure}\n`);
    else for (const line of stderr) show(line, process.stderr);
  }
  return status;
}

function eachLine(stream: NodeJS.ReadableStream, handle: (line: string) => void): Promise<void> {
  const lines = readline.createInterface({ input: stream, crlfDelay: Infinity });
  lines.on("line", handle);
  return new Promise((resolve) => lines.on("close", () => resolve()));
}
