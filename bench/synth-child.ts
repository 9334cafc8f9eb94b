/**
 * One synth measurement in a fresh process, so that peak RSS belongs to it alone:
 * `node --import tsx bench/synth-child.ts '{"kind":"bare","n":1000,"poolFile":"...","outdir":"..."}'`.
 * Prints the measurement as one JSON line on stdout. Everything is imported
 * (cdktf, the bindings, constructs/) before the clock starts, for every kind.
 */
import { readPoolFile } from "./certs";
import { measureSynth, SynthKind } from "./synth-app";

interface ChildArgs {
  readonly kind: SynthKind;
  readonly n: number;
  readonly poolFile: string;
  readonly outdir: string;
}

const args = JSON.parse(process.argv[2] ?? "{}") as ChildArgs;
const pems = readPoolFile(args.poolFile);
const result = measureSynth(args.kind, args.n, pems, args.outdir);
process.stdout.write(`${JSON.stringify(result)}\n`);
