/**
 * Orphans: what the emulated account holds that no Terraform state of the app
 * knows. Terraform forgets an object it created when it dies between SLB's
 * answer and writing its state (or when the answer is lost), and `destroy`
 * leaves such an object behind without a word: this names it.
 *
 * The app's states are its stacks' local state files, found as Terraform
 * finds them: from the last synth (cdktf.out/manifest.json, each stack's
 * backend; a local path is relative to the stack's folder), plus any
 * `terraform.<stack>.tfstate` in the app folder (the deploy scripts' layout,
 * which also covers a stack no longer in the app). A stack whose state is
 * remote (OSS) cannot be read here, and the report says so.
 */
import * as fs from "fs";
import * as path from "path";
import type { Account } from "./account";
import { readBoundedText } from "./bounded-read";
import { EmulatorConfigError } from "./config-error";
import { printable, printableJson } from "./printable";

/** A state of 256 MiB is far beyond any app this emulator serves. */
const MAX_STATE_BYTES = 256 * 1024 * 1024;

/** Where the app's states are. */
export interface AppStates {
  /** Local state files that exist, absolute, sorted. */
  readonly files: string[];
  /** Stacks of the last synth whose state is not a local file, with their backend's type. */
  readonly remote: { readonly stack: string; readonly backend: string }[];
}

function readJson(file: string, what: string): unknown {
  const text = readBoundedText(file, what, MAX_STATE_BYTES);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new EmulatorConfigError(`${what} is not JSON (${(error as Error).message}).`);
  }
}

/**
 * The state files of the app in `appDir`, whose synth output is `outdir`
 * (relative to the app folder, or absolute), and every `*.tfstate` under
 * `stateDir` when given (the account's own states, where local deploys keep them).
 */
export function appStates(appDir: string, outdir: string, stateDir?: string): AppStates {
  const files = new Set<string>();
  const remote: { stack: string; backend: string }[] = [];
  const out = path.resolve(appDir, outdir);
  const manifestFile = path.join(out, "manifest.json");
  const manifest = readJson(manifestFile, `The synth manifest ${JSON.stringify(manifestFile)}`) as
    { stacks?: Record<string, { name: string; workingDirectory: string; synthesizedStackPath: string }> } | undefined;
  for (const stack of Object.values(manifest?.stacks ?? {})) {
    const synthesized = path.join(out, stack.synthesizedStackPath);
    const config = readJson(synthesized, `The synthesized stack ${JSON.stringify(synthesized)}`) as
      { terraform?: { backend?: Record<string, { path?: string }> } } | undefined;
    const backend = config?.terraform?.backend ?? { local: {} };
    const [type] = Object.keys(backend);
    if (type !== "local") {
      remote.push({ stack: stack.name, backend: type });
      continue;
    }
    files.add(path.resolve(out, stack.workingDirectory, backend.local.path ?? "terraform.tfstate"));
  }
  for (const name of fs.existsSync(appDir) ? fs.readdirSync(appDir) : []) {
    if (/^terraform\..+\.tfstate$/.test(name)) files.add(path.resolve(appDir, name));
  }
  for (const file of stateDir === undefined ? [] : stateFilesUnder(stateDir)) files.add(file);
  return { files: [...files].filter((f) => fs.existsSync(f)).sort(), remote };
}

/** Every `*.tfstate` file in `dir` and its subfolders; none when it does not exist. */
function stateFilesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) return stateFilesUnder(file);
    return entry.isFile() && entry.name.endsWith(".tfstate") ? [file] : [];
  });
}

interface StateFile {
  readonly resources?: {
    readonly mode?: string;
    readonly provider?: string;
    readonly instances?: { readonly attributes?: { readonly id?: unknown }; readonly deposed?: string }[];
  }[];
}

/** The IDs of every alicloud object a state file manages: current and deposed instances. */
export function stateIds(file: string): Set<string> {
  const state = readJson(file, `The Terraform state ${JSON.stringify(file)}`) as StateFile | undefined;
  const ids = new Set<string>();
  for (const resource of state?.resources ?? []) {
    if (resource.mode !== "managed" || !/aliyun\/alicloud/.test(resource.provider ?? "")) continue;
    for (const instance of resource.instances ?? []) {
      if (typeof instance.attributes?.id === "string") ids.add(instance.attributes.id);
    }
  }
  return ids;
}

/** One object of the account that no state knows. */
export interface Orphan {
  readonly kind: "CA certificate" | "server certificate" | "load balancer" | "listener";
  readonly id: string;
  readonly regionId: string;
  /** Its name, or "" when it has none. */
  readonly name: string;
}

/** Everything in the account whose ID is not in `known`, in the account's order, kind by kind. */
export function findOrphans(account: Account, known: ReadonlySet<string>): Orphan[] {
  const all: Orphan[] = [
    ...account.caCertificates.map((c) => ({ kind: "CA certificate" as const, id: c.CACertificateId, regionId: c.RegionId, name: c.CACertificateName })),
    ...account.serverCertificates.map((c) => ({
      kind: "server certificate" as const,
      id: c.ServerCertificateId,
      regionId: c.RegionId,
      name: c.ServerCertificateName,
    })),
    ...account.loadBalancers.map((l) => ({
      kind: "load balancer" as const,
      id: l.LoadBalancerId,
      regionId: l.RegionId,
      name: String(l.Attributes.load_balancer_name ?? ""),
    })),
    ...account.listeners.map((l) => ({ kind: "listener" as const, id: l.ListenerId, regionId: l.RegionId, name: "" })),
  ];
  return all.filter((o) => !known.has(o.id));
}

/** What the report found: the states read and the orphans. */
export interface OrphanReport {
  readonly accountFile: string;
  readonly objects: number;
  readonly states: { readonly file: string; readonly objects: number }[];
  readonly remote: AppStates["remote"];
  readonly orphans: Orphan[];
}

/** Reads the app's states and compares them with the account. */
export function orphanReport(account: Account, accountFile: string, appDir: string, outdir: string, stateDir?: string): OrphanReport {
  const where = appStates(appDir, outdir, stateDir);
  const known = new Set<string>();
  const states = where.files.map((file) => {
    const ids = stateIds(file);
    for (const id of ids) known.add(id);
    return { file, objects: ids.size };
  });
  const objects = account.caCertificates.length + account.serverCertificates.length + account.loadBalancers.length + account.listeners.length;
  return { accountFile, objects, states, remote: where.remote, orphans: findOrphans(account, known) };
}

const plural = (n: number, one: string) => `${n} ${one}${n === 1 ? "" : "s"}`;

/** The report for people: what is unknown (each with how to get rid of it or adopt it), then which states were read. */
export function orphanReportLines(report: OrphanReport, appDir: string): string[] {
  const lines: string[] = [];
  const account = printable(report.accountFile);
  if (report.orphans.length === 0) {
    lines.push(
      report.objects === 0
        ? `The account ${account} is empty.`
        : `Every object in the account ${account} is in a state read here (${plural(report.objects, "object")}).`,
    );
  } else {
    lines.push(`The account ${account} holds ${plural(report.orphans.length, "object")} that none of the states read knows:`);
    for (const o of report.orphans) {
      lines.push(`  ${o.kind} ${printable(o.id)}  ${printable(o.regionId)}  ${o.name ? printable(o.name) : "-"}`);
    }
    lines.push(
      "Delete each with `slb-local-cloud delete ID`, or adopt a certificate your app declares with its importFrom prop (the ID above); an object another app made is that app's.",
    );
  }
  const read = report.states.map((s) => `${printable(path.relative(appDir, s.file) || s.file)} (${plural(s.objects, "object")})`);
  lines.push(read.length > 0 ? `States read: ${read.join(", ")}.` : `No state of this app found in ${printable(appDir)}: nothing counts as known.`);
  for (const r of report.remote)
    lines.push(`Stack ${printable(r.stack)} keeps its state in the ${printable(r.backend)} backend, not read here: what it manages shows above as unknown.`);
  return lines;
}

/** The report for machines. */
export function orphanReportJson(report: OrphanReport): string {
  return printableJson(report);
}
