/**
 * `npm run bench`: the full benchmark (about 6 minutes on 2 cores). Prints the
 * report and writes bench/results/latest.json and bench/results/synth-scaling.svg.
 * See bench/README.md for what is measured and how.
 */
import * as path from "path";
import { defaultAppCommands, FULL_POOL, formatReport, runBench } from "./run";

/**
 * `npm run bench -- --targets`: only what issue 11's two ratios need (validation, and synth at
 * N = 1,000 of construct, by hand and bare), in about a minute: for a quick check on a busy machine.
 */
const TARGETS_ONLY = {
  ns: [1000],
  kinds: ["bare", "construct", "by-hand"],
  repetitions: { 1000: 5 },
  defaultRepetitions: 5,
  slowSampleMs: 20_000,
  childTimeoutMs: 600_000,
} as const;

/**
 * Part 4, the local cloud: accounts of 0, 1,000 and 5,000 certificates; a deploy of 500 through terraform and the
 * same without a provider (about 3 minutes together on 2 busy cores; the 1,000 doubles that).
 */
const LOCAL_CLOUD = { sizes: [0, 1000, 5000], rounds: 15, callsPerBatch: 50, coldRepetitions: 3 } as const;
const LOCAL_DEPLOY = { certificates: Number(process.env.BENCH_DEPLOY_CERTIFICATES) || 500, control: true } as const;

async function main(): Promise<void> {
  const resultsDir = path.join(__dirname, "results");
  const targetsOnly = process.argv.includes("--targets");
  // `npm run bench -- --local-cloud`: part 4 alone.
  const localCloudOnly = process.argv.includes("--local-cloud");
  const results = await runBench({
    pool: FULL_POOL,
    validation: localCloudOnly ? undefined : { repetitions: 15, sampleMs: 200 },
    localCloud: targetsOnly ? undefined : LOCAL_CLOUD,
    localDeploy: targetsOnly ? undefined : LOCAL_DEPLOY,
    synth: localCloudOnly
      ? undefined
      : targetsOnly
        ? TARGETS_ONLY
        : {
            ns: [100, 1000, 5000],
            kinds: ["bare", "construct", "by-hand", "construct-no-outputs", "bare-outputs"],
            // construct-no-outputs only splits the construct's cost; at N = 5,000 it would add most of a minute of the
            // quadratic cost (the profile in bench/README.md splits the cost instead).
            kindsAt: { 5000: ["bare", "construct", "bare-outputs"] },
            repetitions: { 100: 5, 1000: 5, 5000: 3 },
            defaultRepetitions: 3,
            infoRepetitions: 3,
            slowSampleMs: 20_000,
            childTimeoutMs: 600_000,
          },
    app: targetsOnly || localCloudOnly ? undefined : { commands: defaultAppCommands(), repetitions: 5 },
    resultsDir,
    log: (line) => console.error(line),
  });
  console.log(formatReport(results));
  console.log(`\nwrote ${path.relative(process.cwd(), path.join(resultsDir, "latest.json"))} and synth-scaling.svg`);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
