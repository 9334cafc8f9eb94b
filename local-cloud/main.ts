#!/usr/bin/env node
/**
 * `slb-local-cloud`: Alibaba Cloud SLB on this machine, for the app of the
 * current folder. deploy and destroy run the app's stacks through its own cdktf
 * CLI and the real terraform against the local provider; the console commands
 * do what a person would do by hand in the console; env points plain terraform
 * or cdktf at it. Everything is written under the project's .local-cloud/
 * (places.ts): deploys synthesize into .local-cloud/out/ and keep their state
 * beside the account (local-state.ts), nothing into the user's home. The repository's npm scripts run
 * this same file.
 */
import { withRunLock } from "../cli/cdktf/run-lock";
import { requireCdktfApp } from "../cli/cdktf/cdktf-app";
import { CommandError } from "../cli/cdktf/command-error";
import { invocation, runMain } from "../cli/cdktf/main-runner";
import { checkTerraform } from "../cli/cdktf/require-terraform";
import { packageVersion } from "../cli/cdktf/package-version";
import { parseStackArgs } from "../cli/cdktf/stack-args";
import { CONSOLE_USAGE, consoleMain, isConsoleCommand } from "./console";
import { envOutput } from "./env-command";
import { localDeploy, localDestroy } from "./local-deploy";
import { redirectStates } from "./local-state";
import { accountFile, localCloudDir, localOutdir, projectDir, stateDirOf } from "./places";
import { localCloudEnv } from "./provider-install";

const USAGE = [
  "usage: slb-local-cloud <command> [arguments]",
  "",
  `  ${"deploy [STACK...] [-- CDKTF-OPTIONS]".padEnd(44)}synth, then deploy the app's stacks in dependency order against the local provider`,
  `  ${"destroy [STACK...] [-- CDKTF-OPTIONS]".padEnd(44)}destroy them, in reverse dependency order`,
  `  ${"env [--json]".padEnd(44)}the variables that point plain terraform or cdktf at it: eval "$(npx slb-local-cloud env)"`,
  ...CONSOLE_USAGE.map((line) => `  ${line}`),
  "",
  "The account: SLB_EMULATOR_STATE, default .local-cloud/account.json in the project (the nearest folder with a package.json).",
].join("\n");

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  const cwd = process.cwd();
  const dir = localCloudDir(process.env, cwd);
  // The console and the provider processes read the account from here.
  process.env.SLB_EMULATOR_STATE = accountFile(process.env, cwd);
  switch (command) {
    case "deploy":
    case "destroy": {
      const { stacks, cdktfOptions } = parseStackArgs(args);
      checkTerraform();
      requireCdktfApp(cwd);
      // Synth output and state of its own (local-state.ts): the app's cdktf.out and state stay the real cloud's.
      const env: NodeJS.ProcessEnv = { ...localCloudEnv({ dir }), DEPLOY_OUTDIR: localOutdir(cwd) };
      const places = { appDir: cwd, projectDir: projectDir(cwd), stateDir: stateDirOf(env.SLB_EMULATOR_STATE!) };
      const prepare = (outdir: string) => {
        for (const line of redirectStates(outdir, places)) process.stdout.write(`${line}\n`);
      };
      const named = invocation("slb-local-cloud", argv);
      const run = { cwd, env, stacks, cdktfOptions, prepare, command: named };
      return withRunLock(env.DEPLOY_OUTDIR!, named, () => (command === "deploy" ? localDeploy(run) : localDestroy(run)));
    }
    case "env": {
      const json = args.includes("--json");
      const unknown = args.filter((a) => a !== "--json");
      if (unknown.length > 0) throw new CommandError(`env takes only --json, got ${unknown.join(" ")}\n${USAGE}`, 2);
      process.stdout.write(envOutput(localCloudEnv({ dir }), json));
      return 0;
    }
    case "--version":
      process.stdout.write(`${packageVersion(__dirname)}\n`);
      return 0;
    case "help":
    case "--help":
    case "-h":
      process.stdout.write(`${USAGE}\n`);
      return 0;
    default:
      if (isConsoleCommand(command)) return consoleMain([command!, ...args], USAGE);
      throw new CommandError(`${command === undefined ? "no command given" : `unknown command ${JSON.stringify(command)}`}\n${USAGE}`, 2);
  }
}

runMain(() => main(process.argv.slice(2)));
