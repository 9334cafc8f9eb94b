/**
 * The emulated account's console: what a person would do by hand in the
 * Alibaba Cloud console, out of band of Terraform.
 *
 *   slb-local-cloud upload-ca FILE [--name NAME] [--region REGION] [--resource-group ID] [--tag KEY=VALUE]...
 *   slb-local-cloud list [--json]
 *   slb-local-cloud delete ID [--region REGION]
 *   slb-local-cloud calls [--json]
 *   slb-local-cloud create-resource-group NAME
 *   slb-local-cloud orphans [--app DIR] [--json]
 *
 * The account is SLB_EMULATOR_STATE (main.ts sets the default, the project's
 * .local-cloud/account.json); the region ALICLOUD_REGION, default cn-hangzhou.
 * SLB's own rules and refusals apply, as in the console.
 */
import { UnusableFileError } from "../common/bounded-file";
import { SlbError, Tag, faultRules } from "../emulator/account";
import { deleteCaCertificate, uploadCaCertificate } from "../emulator/api/ca-certificates";
import { createResourceGroup } from "../emulator/api/resource-groups";
import { deleteServerCertificate } from "../emulator/api/server-certificates";
import { accountPath, readAccount, withAccount } from "../emulator/account-file";
import { EmulatorConfigError } from "../emulator/config-error";
import { callLines, callsJson, listingJson, listingLines } from "../emulator/listing";
import { caCertificateNameProblem } from "../emulator/name-rules";
import { orphanReport, orphanReportJson, orphanReportLines } from "../emulator/orphans";
import { stateDirOf } from "./places";
import { readPemFile } from "./read-pem-file";

export const CONSOLE_USAGE = [
  "upload-ca FILE [--name NAME] [--region REGION] [--resource-group ID] [--tag KEY=VALUE]...",
  "list [--json]",
  "delete ID [--region REGION]",
  "calls [--json]",
  "create-resource-group NAME",
  "orphans [--app DIR] [--json]   (exit 1 when the account holds what none of the states read knows)",
];

interface Parsed {
  readonly positional: string[];
  readonly options: Record<string, string[]>;
}

const FLAGS = new Set(["--json"]);

function parse(args: string[]): Parsed {
  const positional: string[] = [];
  const options: Record<string, string[]> = {};
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (!arg.startsWith("--")) {
      positional.push(arg);
    } else if (FLAGS.has(arg)) {
      (options[arg] ??= []).push("true");
    } else {
      if (i + 1 >= args.length) throw new UsageError(`${arg} needs a value`);
      (options[arg] ??= []).push(args[++i]);
    }
  }
  return { positional, options };
}

class UsageError extends Error {}

/** A region ID as SLB's API takes it: lowercase words and digits joined by hyphens, e.g. cn-hangzhou. */
const REGION_ID = /^[a-z0-9]+(-[a-z0-9]+)+$/;

/** A refused option value: one line, exit 2 (no usage text, which would bury it). */
class OptionError extends Error {}

function region(options: Record<string, string[]>): string {
  const given = options["--region"]?.[0];
  const value = given ?? process.env.ALICLOUD_REGION ?? "cn-hangzhou";
  if (!REGION_ID.test(value)) {
    const source = given !== undefined ? "--region" : "ALICLOUD_REGION";
    throw new OptionError(`${source} ${JSON.stringify(value)} is not a region ID: give lowercase words and digits joined by hyphens, e.g. cn-hangzhou.`);
  }
  return value;
}

function uploadCa({ positional, options }: Parsed): void {
  const [file] = positional;
  if (!file) throw new UsageError("upload-ca needs a FILE");
  const tags: Tag[] = (options["--tag"] ?? []).map((kv) => {
    const at = kv.indexOf("=");
    if (at < 0) throw new UsageError(`--tag ${kv}: expected KEY=VALUE`);
    return { Key: kv.slice(0, at), Value: kv.slice(at + 1) };
  });
  const regionId = region(options);
  const name = options["--name"]?.[0];
  const nameProblem = name === undefined ? undefined : caCertificateNameProblem(name);
  if (nameProblem) throw new OptionError(`--name ${nameProblem}`);
  // Read (bounded) before taking the account's lock: a slow or refused file holds nothing.
  const pem = readPemFile(file);
  const record = withAccount((account) =>
    uploadCaCertificate(account, {
      RegionId: regionId,
      CACertificate: pem,
      CACertificateName: name,
      ResourceGroupId: options["--resource-group"]?.[0],
      Tag: tags,
    }),
  );
  console.log(record.CACertificateId);
}

function remove({ positional, options }: Parsed): void {
  const [id] = positional;
  if (!id) throw new UsageError("delete needs an ID");
  const regionId = region(options);
  withAccount((account) => {
    const isServer = account.serverCertificates.some((c) => c.ServerCertificateId === id);
    if (isServer) deleteServerCertificate(account, { RegionId: regionId, ServerCertificateId: id });
    else deleteCaCertificate(account, { RegionId: regionId, CACertificateId: id });
  });
  console.log(`deleted ${id}`);
}

function list({ options }: Parsed): void {
  const account = readAccount(accountPath(), { calls: false });
  console.log(options["--json"] ? listingJson(account) : listingLines(account, accountPath()).join("\n"));
}

function calls({ options }: Parsed): void {
  const { calls } = readAccount();
  if (options["--json"]) console.log(callsJson(calls));
  else for (const line of callLines(calls)) console.log(line);
}

/** Resource Manager's CreateResourceGroup: prints the new group's ID, for a stack's resourceGroupId. */
function createGroup({ positional }: Parsed): void {
  const [name] = positional;
  if (!name) throw new UsageError("create-resource-group needs a NAME");
  console.log(withAccount((account) => createResourceGroup(account, { Name: name })).ResourceGroupId);
}

/** Exit 1 when the account holds what no state of the app (the current folder, or --app) knows. */
function orphans({ options }: Parsed): number {
  const app = options["--app"]?.[0] ?? process.cwd();
  const report = orphanReport(
    readAccount(accountPath(), { calls: false }),
    accountPath(),
    app,
    process.env.DEPLOY_OUTDIR || "cdktf.out",
    stateDirOf(accountPath()),
  );
  console.log(options["--json"] ? orphanReportJson(report) : orphanReportLines(report, app).join("\n"));
  return report.orphans.length > 0 ? 1 : 0;
}

const COMMANDS: Record<string, (parsed: Parsed) => number | void> = {
  "upload-ca": uploadCa,
  list,
  delete: remove,
  calls,
  "create-resource-group": createGroup,
  orphans,
};

/** Whether `command` is one of the console's. */
export function isConsoleCommand(command: string | undefined): boolean {
  return command !== undefined && Object.prototype.hasOwnProperty.call(COMMANDS, command);
}

/** Runs a console command; returns the exit code. `usage` is the whole program's usage text. */
export function consoleMain(argv: string[], usage: string): number {
  const [command, ...rest] = argv;
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(command ? `unknown command ${command}` : "no command");
    // A misspelt fault rule is refused by every command, not only by those that call SLB.
    faultRules();
    return run(parse(rest)) ?? 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${usage}`);
      return 2;
    }
    if (error instanceof UnusableFileError || error instanceof EmulatorConfigError || error instanceof OptionError) {
      console.error(`slb-local-cloud: ${error.message}`);
      return 2;
    }
    if (error instanceof SlbError) {
      console.error(`${error.action} failed: ${error.code}: ${error.message} (RequestId ${error.requestId})`);
      return 1;
    }
    throw error;
  }
}
