/**
 * The acceptance run: the e2e scenarios (__tests__/e2e/scenarios/) against
 * the real alicloud provider and Alibaba Cloud, or against the local provider.
 * It is never part of `npm test` (jest runs the same scenarios against the
 * local provider only).
 *
 *   npm run test:cloud                      real cloud when the provider's credentials are set; else one line, exit 0
 *   npm run test:cloud -- --local           every scenario against the local provider
 *   npm run test:cloud -- --only a,b        only these scenarios (with or without --local)
 *   npm run test:cloud -- --list            the scenarios, and which run in the cloud
 *   npm run test:cloud -- --sweep [--run ID] [--local]
 *                                           delete what carries the acceptance tag (of one run, or of any)
 *
 * Each scenario is reported ok, FAILED or skipped (with the reason: local
 * only, or a feature the account lacks); the last line counts the three.
 * Exit 0 when no scenario failed (skipped ones are reported, not counted as
 * passed), 1 when one failed (or the sweep left something), 2 for a usage error.
 */
import { SweepReport, cloudSweepTarget, localSweepTarget, sweep } from "./sweeper";
import { credentialsFromEnv } from "./slb-rpc";

/** The tag every resource of an acceptance run carries (__tests__/e2e/scenarios/context.ts, which needs terraform to load). */
const RUN_TAG_KEY = "cdktf-slb-acceptance";

/** The scenarios and their runner, loaded only to run or list them: they need terraform, a skipped run does not. */
function scenarios() {
  /* eslint-disable @typescript-eslint/no-require-imports */
  return {
    ...(require("../__tests__/e2e/scenarios/run") as typeof import("../__tests__/e2e/scenarios/run")),
    ...(require("../__tests__/e2e/scenarios/index") as typeof import("../__tests__/e2e/scenarios/index")),
  };
  /* eslint-enable @typescript-eslint/no-require-imports */
}

const USAGE = `usage: npm run test:cloud [-- --local] [--only NAME,...]
       npm run test:cloud -- --list
       npm run test:cloud -- --sweep [--run ID] [--local]`;

class UsageError extends Error {}

interface Options {
  readonly local: boolean;
  readonly list: boolean;
  readonly sweep: boolean;
  readonly only: string[];
  readonly run?: string;
}

function parse(args: string[]): Options {
  const options: { local: boolean; list: boolean; sweep: boolean; only: string[]; run?: string } = { local: false, list: false, sweep: false, only: [] };
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === "--local") options.local = true;
    else if (arg === "--list") options.list = true;
    else if (arg === "--sweep") options.sweep = true;
    else if (arg === "--only" || arg === "--run") {
      const value = args[++i];
      if (value === undefined) throw new UsageError(`${arg} needs a value`);
      if (arg === "--only") options.only.push(...value.split(",").filter(Boolean));
      else options.run = value;
    } else if (arg === "--help" || arg === "-h") throw new UsageError("");
    else throw new UsageError(`unknown argument ${arg}`);
  }
  if (options.run !== undefined && !options.sweep) throw new UsageError("--run goes with --sweep");
  return options;
}

function printSweep(report: SweepReport): void {
  for (const line of report.deleted) console.log(`swept ${line}`);
  for (const line of report.failed) console.log(`NOT swept ${line}`);
  if (report.deleted.length === 0 && report.failed.length === 0) console.log(`swept nothing: no resource carries ${RUN_TAG_KEY}`);
}

async function main(argv: string[]): Promise<number> {
  const options = parse(argv);
  if (options.list) {
    for (const s of scenarios().SCENARIOS) console.log(`${s.name}\t${s.localOnly ? `local only (${s.localOnly})` : "local and cloud"}\t${s.title}`);
    return 0;
  }
  const credentials = credentialsFromEnv();
  const region = process.env.ALICLOUD_REGION || "cn-hangzhou";
  if (!options.local && !credentials) {
    console.log(
      "test:cloud: skipped: no Alibaba Cloud credentials (set ALICLOUD_ACCESS_KEY and ALICLOUD_SECRET_KEY for the real cloud, or pass --local for the local provider)",
    );
    return 0;
  }
  if (!options.local && process.env.JEST_WORKER_ID !== undefined) {
    console.log("test:cloud: refused: the real cloud is never touched from inside a test run (JEST_WORKER_ID is set); pass --local");
    return 2;
  }
  if (options.sweep) {
    const report = await sweep(options.local ? localSweepTarget(region) : cloudSweepTarget(credentials!), RUN_TAG_KEY, options.run);
    printSweep(report);
    return report.failed.length === 0 ? 0 : 1;
  }

  const target = options.local ? "local" : "cloud";
  const { context, newRunId, runScenario, selectScenarios, summary } = scenarios();
  const runId = newRunId();
  const chosen = selectScenarios(options.only);
  console.log(`test:cloud: ${chosen.length} scenario(s) against the ${target === "local" ? "local provider" : `real provider in ${region}`}, run ${runId}`);
  const ctx = context(target, runId, (line) => console.log(`  ${line}`));
  const results: ReturnType<typeof runScenario>[] = [];
  for (const scenario of chosen) {
    const result = runScenario(scenario, ctx);
    results.push(result);
    const label = { ok: "ok     ", failed: "FAILED ", skipped: "skipped" }[result.outcome];
    console.log(`${label} ${result.name}${result.outcome === "skipped" ? ` (${result.detail})` : ` (${result.seconds} s)`}`);
    if (result.outcome === "failed") console.log(result.detail.replace(/^/gm, "    "));
  }
  if (target === "cloud") {
    // Whatever a failed scenario left behind: the scenarios destroy their own stacks, this is the backstop.
    printSweep(await sweep(cloudSweepTarget(credentials!), RUN_TAG_KEY, runId));
  }
  console.log(`test:cloud: ${summary(results)}`);
  return results.some((r) => r.outcome === "failed") ? 1 : 0;
}

main(process.argv.slice(2)).then(
  (code) => (process.exitCode = code),
  (error) => {
    if (error instanceof UsageError) {
      console.error(`${error.message ? `${error.message}\n` : ""}${USAGE}`);
      process.exitCode = 2;
    } else if (/^no scenario /.test((error as Error).message)) {
      console.error(`test:cloud: ${(error as Error).message}`);
      process.exitCode = 2;
    } else {
      console.error(`test:cloud: ${(error as Error).message}`);
      process.exitCode = 1;
    }
  },
);
