#!/usr/bin/env node
/**
 * `slb-ca`, the library's command line. The checks need no cdktf app, so teams
 * on plain Terraform or Pulumi can use them; synth, deploy and destroy run the
 * app of the current folder through its own cdktf CLI, one at a time per folder.
 * The repository's npm scripts run this same file.
 */
import { check, CHECK_USAGE } from "./check";
import { checkClient, CHECK_CLIENT_USAGE } from "./check-client";
import { inventoryMain, INVENTORY_USAGE } from "./inventory";
import { withRunLock } from "./cdktf/run-lock";
import { requireCdktfApp } from "./cdktf/cdktf-app";
import { CommandError } from "./cdktf/command-error";
import { deployStacks, destroyStacks } from "./cdktf/deploy";
import { invocation, runMain } from "./cdktf/main-runner";
import { packageVersion } from "./cdktf/package-version";
import { checkTerraform } from "./cdktf/require-terraform";
import { parseStackArgs } from "./cdktf/stack-args";
import { synth, synthOutdir } from "./cdktf/synth";

const usageOf = (usage: string) => usage.slice("usage: slb-ca ".length);
const CHECK_ROWS: [string, string][] = [
  [usageOf(CHECK_USAGE), "would SLB accept this CA, and is it sound for mutual TLS?"],
  [usageOf(CHECK_CLIENT_USAGE), "would a listener trusting CA.pem accept this client?"],
];
const APP_ROWS: [string, string][] = [
  [usageOf(INVENTORY_USAGE), "the last synth's CA certificates, soonest expiry first"],
  ["synth [CDKTF-OPTIONS]", "cdktf synth, each problem shown once"],
  ["deploy [STACK...] [-- CDKTF-OPTIONS]", "synth, then deploy in dependency order; writes cdktf.out/outputs.json"],
  ["destroy [STACK...] [-- CDKTF-OPTIONS]", "synth, then destroy in reverse dependency order"],
];
// Descriptions in one column; a command line too long for it puts its description on the next line.
const WIDTH = 50;
const rows = (group: [string, string][]) =>
  group.map(([usage, what]) => (usage.length <= WIDTH - 2 ? `  ${usage.padEnd(WIDTH)}${what}` : `  ${usage}\n  ${"".padEnd(WIDTH)}${what}`)).join("\n");

const USAGE = `usage: slb-ca <command> [arguments]

Checks, anywhere:
${rows(CHECK_ROWS)}

In a cdktf app's folder:
${rows(APP_ROWS)}

Exit codes: 0 done, 1 a finding (a refused or expiring certificate, a failed stack), 2 a usage, file or setup problem.
One synth, deploy or destroy runs at a time per output folder; a second waits (DEPLOY_LOCK_WAIT_SECONDS, default 600).`;

function print(exitCode: number, stdout: string, stderr = ""): number {
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  return exitCode;
}

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...args] = argv;
  const cwd = process.cwd();
  const named = invocation("slb-ca", argv);
  switch (command) {
    case "check": {
      const outcome = check(args);
      return print(outcome.exitCode, outcome.stdout, outcome.stderr);
    }
    case "check-client": {
      const outcome = checkClient(args);
      return outcome.exitCode === 0 ? print(0, `${outcome.output}\n`) : print(outcome.exitCode, "", `${outcome.output}\n`);
    }
    case "inventory":
      return inventoryMain(args);
    case "synth":
      requireCdktfApp(cwd);
      return withRunLock(synthOutdir(cwd, process.env, args), named, () => synth(cwd, process.env, args));
    case "deploy":
    case "destroy": {
      const { stacks, cdktfOptions } = parseStackArgs(args);
      const run = command === "deploy" ? deployStacks : destroyStacks;
      checkTerraform();
      requireCdktfApp(cwd);
      return withRunLock(synthOutdir(cwd, process.env), named, () => run({ cwd, env: process.env, stacks, cdktfOptions, command: named }));
    }
    case "--version":
      return print(0, `${packageVersion(__dirname)}\n`);
    case "help":
    case "--help":
    case "-h":
      return print(0, `${USAGE}\n`);
    default:
      throw new CommandError(`${command === undefined ? "no command given" : `unknown command ${JSON.stringify(command)}`}\n${USAGE}`, 2);
  }
}

runMain(() => main(process.argv.slice(2)));
