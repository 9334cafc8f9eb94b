/**
 * The arguments of deploy and destroy: `[STACK...] [-- CDKTF-OPTIONS...]`.
 * Names come first; from the first option on (or after a `--`), everything
 * goes to `cdktf deploy` / `cdktf destroy` as given, e.g. `--var x=1`.
 */
export interface StackArgs {
  /** The stacks named; empty for all of them. */
  readonly stacks: string[];
  /** Options passed on to cdktf. */
  readonly cdktfOptions: string[];
}

export function parseStackArgs(args: readonly string[]): StackArgs {
  const stacks: string[] = [];
  let i = 0;
  for (; i < args.length && !args[i].startsWith("-"); i++) stacks.push(args[i]);
  const rest = args.slice(i);
  return { stacks, cdktfOptions: rest[0] === "--" ? rest.slice(1) : rest };
}
