/**
 * What the command-line entry points share: how a run is named to whoever
 * waits for it, and how it ends (a CommandError as its message alone, with
 * its exit code; anything else is a bug and keeps its stack).
 */
import * as path from "path";
import { CommandError } from "./command-error";

/**
 * How this run is named in the app lock, as the user typed it: `npm run
 * deploy:local` when an npm script started it, `npx slb-ca deploy` through
 * npx, else the program and its arguments. npm's variables count only when
 * its script names this process's entry file: a process that some other
 * script started (a test run's, say) inherits them too.
 */
export function invocation(program: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env, entry: string = process.argv[1] ?? ""): string {
  const own = [program, ...args].join(" ");
  const event = env.npm_lifecycle_event;
  const script = env.npm_lifecycle_script ?? "";
  if (!event || !entry || !script.includes(path.basename(entry))) return own;
  return event === "npx" ? `npx ${own}` : `npm run ${event}`;
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
