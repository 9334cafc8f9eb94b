/**
 * cdktf's output, made fit for a log: it is read line by line as it comes and
 * each line is shown, changed or dropped here.
 *
 * - Escape codes go when colour is not wanted (terminal.ts).
 * - The app's stderr comes through cdktf's logger as
 *   `[<timestamp>] [ERROR] default - <text>` (warnings and waits included):
 *   the text alone is shown.
 * - Spinner frames and the status bar (`1 Stack deploying  1 Stack done
 *   0 Stacks waiting`) go: the status bar counts a failed stack as done, and
 *   the commands print their own summary, stack by stack.
 * - In a deploy or destroy, cdktf prefixes the first line of every chunk of
 *   terraform's output with the stack's name, wherever the chunk starts (in
 *   the middle of a PEM block, say). Each cdktf run here handles one stack,
 *   announced before it starts, so the name is replaced by spaces.
 * - Synth: the blank line cdktf's logger adds after each write of the app goes.
 */
import { stripAnsi } from "./terminal";

/** cdktf's logger prefix on a line of the app's stderr. */
const LOGGER_PREFIX = /^\[\d{4}-\d\d-\d\dT[\d:.]+\] \[[A-Z]+\] default - /;
/** A spinner frame (braille dots), as cdktf draws while it works. */
const SPINNER = /^\s*[\u2800-\u28ff]/;
/** cdktf's status bar, which calls a failed stack "done". */
const STATUS_BAR = /^\s*\d+ Stacks? (?:deploying|destroying)\s+\d+ Stacks? done\s+\d+ Stacks? waiting\s*$/;

/** What a cdktf run is doing, which decides how its lines are shown. */
export interface CdktfLogOptions {
  /** Keep escape codes (a terminal, or FORCE_COLOR). */
  readonly colour: boolean;
  /** The stack a deploy or destroy runs: its name is taken out of cdktf's line prefixes. */
  readonly stack?: string;
  /** A synth: blank lines go. */
  readonly synth?: boolean;
  /** The outputs file of a one-stack deploy, which the deploy joins into outputs.json: cdktf's line naming it goes. */
  readonly outputsFile?: string;
}

/** The line as it should be shown, or undefined to drop it. */
export function logLine(line: string, options: CdktfLogOptions): string | undefined {
  const plain = stripAnsi(line);
  if (SPINNER.test(plain) || STATUS_BAR.test(plain)) return undefined;
  let shown = options.colour ? line : plain;
  const logged = LOGGER_PREFIX.exec(plain);
  if (logged) shown = plain.slice(logged[0].length);
  if (options.synth && shown.trim() === "") return undefined;
  if (options.outputsFile !== undefined && plain.trim() === `The outputs have been written to ${options.outputsFile}`) return undefined;
  const prefix = options.stack === undefined ? undefined : `${options.stack}  `;
  if (prefix !== undefined && plain.startsWith(prefix)) shown = " ".repeat(prefix.length) + stripAnsi(shown).slice(prefix.length);
  return shown;
}

/**
 * The one line to show for a failed cdktf synth, from the CLI's stderr: the
 * command and how it ended (the app's own messages came through the log as
 * it ran); null when the text is not cdktf's synth-failure summary (then show
 * it as it is).
 */
export function synthFailureLine(stderr: string): string | null {
  const lines = stripAnsi(stderr).split("\n");
  const head = lines.findIndex((line) => line.endsWith("cdktf encountered an error while synthesizing"));
  if (head < 0) return null;
  const field = (name: string) => (lines.find((line, i) => i > head && line.startsWith(name)) ?? "").slice(name.length).trim();
  return `cdktf synth failed: \`${field("Synth command:")}\` ended with ${field("Error:")}`;
}
