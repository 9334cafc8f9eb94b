/**
 * The emulated account's console: what a person would do by hand in the
 * Alibaba Cloud console, out of band of Terraform.
 *
 *   npm run local-cloud -- upload-ca FILE [--name NAME] [--region REGION] [--resource-group ID] [--tag KEY=VALUE]...
 *   npm run local-cloud -- list [--json]
 *   npm run local-cloud -- delete ID [--region REGION]
 *   npm run local-cloud -- calls [--json]
 *
 * The account is SLB_EMULATOR_STATE, default .local-cloud/account.json; the
 * region ALICLOUD_REGION, default cn-hangzhou (the example app's). SLB's own
 * rules and refusals apply, as in the console.
 */
import { CaCertificate } from "../constructs/certificate/ca-certificate";
import { CaCertificateFileError } from "../constructs/errors";
import { SlbError, Tag, deleteCaCertificate, deleteServerCertificate, faultRules, uploadCaCertificate } from "../emulator/account";
import { accountPath, readAccount, withAccount } from "../emulator/account-file";
import { EmulatorConfigError } from "../emulator/config-error";

const USAGE = `usage: npm run local-cloud -- upload-ca FILE [--name NAME] [--region REGION] [--resource-group ID] [--tag KEY=VALUE]...
       npm run local-cloud -- list [--json]
       npm run local-cloud -- delete ID [--region REGION]
       npm run local-cloud -- calls [--json]`;

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
  // Read (bounded) before taking the account's lock: a slow or refused file holds nothing.
  const pem = CaCertificate.readPemFile(file);
  const record = withAccount((account) =>
    uploadCaCertificate(account, {
      RegionId: regionId,
      CACertificate: pem,
      CACertificateName: options["--name"]?.[0],
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
  const account = readAccount();
  if (options["--json"]) {
    const { calls: _calls, faults: _faults, ...holdings } = account;
    const withoutPem = holdings.caCertificates.map(({ CACertificate: _pem, ...rest }) => rest);
    console.log(JSON.stringify({ ...holdings, caCertificates: withoutPem }, null, 2));
    return;
  }
  console.log(`Account ${accountPath()}`);
  console.log(`CA certificates (${account.caCertificates.length}):`);
  for (const c of account.caCertificates) {
    const tags = c.Tags.map((t) => `${t.Key}=${t.Value}`).join(",");
    console.log(
      `  ${c.CACertificateId}  ${c.RegionId}  ${c.CACertificateName || "-"}  CN=${c.CommonName}  ${c.Fingerprint}  expires ${c.ExpireTime}${tags ? `  tags ${tags}` : ""}`,
    );
  }
  console.log(`Server certificates (${account.serverCertificates.length}):`);
  for (const c of account.serverCertificates) console.log(`  ${c.ServerCertificateId}  ${c.RegionId}  ${c.ServerCertificateName || "-"}  CN=${c.CommonName}`);
  console.log(`Load balancers (${account.loadBalancers.length}):`);
  for (const l of account.loadBalancers) console.log(`  ${l.LoadBalancerId}  ${l.RegionId}  ${String(l.Attributes.load_balancer_name ?? "-")}`);
  console.log(`Listeners (${account.listeners.length}):`);
  for (const l of account.listeners)
    console.log(`  ${l.ListenerId}  server certificate ${l.ServerCertificateId ?? "-"}  CA certificate ${l.CACertificateId ?? "-"}`);
}

function calls({ options }: Parsed): void {
  const account = readAccount();
  if (options["--json"]) {
    console.log(JSON.stringify(account.calls, null, 2));
    return;
  }
  for (const c of account.calls) console.log(`${c.seq}\t${c.time}\t${c.action}\t${c.result}\t${JSON.stringify(c.params)}`);
}

const COMMANDS: Record<string, (parsed: Parsed) => void> = { "upload-ca": uploadCa, list, delete: remove, calls };

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  const run = COMMANDS[command];
  try {
    if (!run) throw new UsageError(command ? `unknown command ${command}` : "no command");
    // A misspelt fault rule is refused by every command, not only by those that call SLB.
    faultRules();
    run(parse(rest));
    return 0;
  } catch (error) {
    if (error instanceof UsageError) {
      console.error(`${error.message}\n${USAGE}`);
      return 2;
    }
    if (error instanceof CaCertificateFileError || error instanceof EmulatorConfigError || error instanceof OptionError) {
      console.error(`local-cloud: ${error.message}`);
      return 2;
    }
    if (error instanceof SlbError) {
      console.error(`${error.action} failed: ${error.code}: ${error.message} (RequestId ${error.requestId})`);
      return 1;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
