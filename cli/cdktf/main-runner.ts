/**
 * What the command-line entry points share: how a run is named to whoever
 * waits for it, and how it ends (a CommandError as its message alone, with
 * its exit code; anything else is a bug and keeps its stack).
 */
import * as path from "path";
import { CommandError } from "./command-error";

/**
 * How this run is named in the app lock, as the user typed it: `npm run
 * deploy:local` when npm started it, else the program and its arguments.
 */
export function invocation(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): string {
  if (env.npm_lifecycle_event) return `npm run ${env.npm_lifecycle_event}`;
  return [path.basename(program).replace(/\.[jt]s$/, ""), ...args].join(" ");
}

/** Runs a command's main; sets the exit code from its result, or from a CommandError (its message on stderr). */
export function runMain(main: () => Promise<number>): void {
  main().then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (!(error instanceof CommandError)) throw error;
      process.stderr.write(`${error.message}\n`);
      process.exitCode = error.exitCode;
    },
  );
}
