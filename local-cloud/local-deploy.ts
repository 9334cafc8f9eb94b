/**
 * `slb-local-cloud deploy|destroy [STACK...] [-- CDKTF-OPTIONS]`: the app's own
 * deploy (cli/cdktf/deploy.ts: synth, each stack in dependency order through
 * the app's cdktf CLI, outputs.json), with the local provider's environment,
 * into the local cloud's own output folder and states (main.ts, local-state.ts). A deploy then prints the outputs it wrote; a destroy reports
 * what the account still holds that no state of the app knows.
 */
import * as fs from "fs";
import * as path from "path";
import { accountPath, readAccount } from "../emulator/account-file";
import { deployStacks, destroyStacks, outputsFile, StackRun } from "../cli/cdktf/deploy";
import { outdirOf } from "../cli/cdktf/synth";
import { orphanReport, orphanReportLines } from "../emulator/orphans";
import { stateDirOf } from "./places";

/** Deploys the stacks against the local provider, then prints the outputs; resolves to the exit status. */
export async function localDeploy(run: StackRun): Promise<number> {
  const status = await deployStacks(run);
  if (status !== 0) return status;
  const file = outputsFile(run.env);
  process.stdout.write(`\nOutputs (${file}; sensitive ones left out):\n`);
  process.stdout.write(`${JSON.stringify(JSON.parse(fs.readFileSync(path.resolve(run.cwd, file), "utf8")), null, 2)}\n`);
  return 0;
}

/**
 * Destroys the stacks, then says what the account still holds that no state
 * of the app knows (an upload whose answer Terraform never recorded, say):
 * the orphan report of `slb-local-cloud orphans`. The exit status stays the destroy's.
 */
export async function localDestroy(run: StackRun): Promise<number> {
  const status = await destroyStacks(run);
  if (status !== 0) return status;
  const file = accountPath(run.env);
  const report = orphanReport(readAccount(file, { calls: false }), file, run.cwd, outdirOf(run.env), stateDirOf(file));
  process.stdout.write(`\n${orphanReportLines(report, run.cwd).join("\n")}\n`);
  return 0;
}
