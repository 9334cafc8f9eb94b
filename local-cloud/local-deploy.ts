/**
 * `slb-local-cloud deploy|destroy [STACK...] [-- CDKTF-OPTIONS]`: the app's own
 * deploy (cli/cdktf/deploy.ts: synth, each stack in dependency order through
 * the app's cdktf CLI, cdktf.out/outputs.json), with the local provider's
 * environment. A deploy then prints the outputs it wrote; a destroy says
 * what the account still holds.
 */
import * as fs from "fs";
import * as path from "path";
import { accountPath, readAccount } from "../emulator/account-file";
import { deployStacks, destroyStacks, outputsFile, StackRun } from "../cli/cdktf/deploy";

/** Deploys the stacks against the local provider, then prints the outputs; resolves to the exit status. */
export async function localDeploy(run: StackRun): Promise<number> {
  const status = await deployStacks(run);
  if (status !== 0) return status;
  const file = outputsFile(run.env);
  process.stdout.write(`\nOutputs (${file}; sensitive ones left out):\n`);
  process.stdout.write(`${JSON.stringify(JSON.parse(fs.readFileSync(path.resolve(run.cwd, file), "utf8")), null, 2)}\n`);
  return 0;
}

/** Destroys the stacks, then counts what the account still holds; resolves to the exit status. */
export async function localDestroy(run: StackRun): Promise<number> {
  const status = await destroyStacks(run);
  if (status !== 0) return status;
  const account = readAccount(accountPath(run.env));
  const held = [
    [account.caCertificates.length, "CA certificate"],
    [account.serverCertificates.length, "server certificate"],
    [account.loadBalancers.length, "load balancer"],
    [account.listeners.length, "listener"],
  ] as const;
  const left = held.filter(([n]) => n > 0).map(([n, what]) => `${n} ${what}${n === 1 ? "" : "s"}`);
  process.stdout.write(
    left.length === 0
      ? "\nThe account holds nothing now.\n"
      : `\nThe account still holds ${left.join(", ")} (other apps', or made out of band): slb-local-cloud list\n`,
  );
  return 0;
}
