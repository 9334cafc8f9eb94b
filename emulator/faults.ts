/**
 * SLB_EMULATOR_FAIL: faults injected into the emulated SLB API.
 *
 *   SLB_EMULATOR_FAIL=<Action>:<n>[:<outcome>][,<Action>:<n>[:<outcome>]...]
 *
 * The n-th call of <Action> within one run fails. <outcome> is an SLB error
 * code (default ServiceUnavailable), so a drill can inject a code the provider
 * retries (ServiceUnavailable, Throttling) or one it does not (NoPermission);
 * or `lost`: the action takes effect in the account, and the caller gets a
 * transport error instead of the response (a timeout), as when a network drops
 * the answer. A lost upload that the provider retries leaves a real orphan.
 *
 * Counting is per run: a run is one terraform command (every provider process
 * it starts counts together; the provider's parent process is that command) or
 * one local-cloud command. The same rule fires again on the next run. Counters
 * live in the account file, keyed by run and rule; those of finished runs are
 * dropped.
 */
import * as fs from "fs";
import { EmulatorConfigError } from "./config-error";

/** An injected outcome: an SLB error with its HTTP status, or a lost response. */
export type FaultOutcome = { readonly kind: "error"; readonly code: string; readonly httpStatus: number } | { readonly kind: "lost" };

/** One rule: the n-th call of `action` in a run has `outcome`. `text` is the rule as written. */
export interface FaultRule {
  readonly action: string;
  readonly nth: number;
  readonly outcome: FaultOutcome;
  readonly text: string;
}

/**
 * HTTP statuses of the codes a drill is likely to name; any other code is a
 * 400, as SLB's parameter and permission errors are. The status matters: the
 * provider's NeedRetry retries every 5xx answer of the Tea client (its message
 * starts "code: 5xx").
 */
const HTTP_STATUS: Readonly<Record<string, number>> = {
  ServiceUnavailable: 503,
  InternalError: 500,
  UnknownError: 500,
  NoPermission: 403,
  Forbidden: 403,
  "Forbidden.RAM": 403,
};

const MESSAGES: Readonly<Record<string, string>> = {
  ServiceUnavailable: "The request has failed due to a temporary failure of the server.",
  Throttling: "Request was denied due to request throttling.",
};

/** The outcome of one written rule's third part (undefined: the default). */
function outcomeOf(part: string | undefined): FaultOutcome {
  if (part === undefined) return { kind: "error", code: "ServiceUnavailable", httpStatus: 503 };
  if (part === "lost") return { kind: "lost" };
  return { kind: "error", code: part, httpStatus: HTTP_STATUS[part] ?? 400 };
}

/** The message SLB sends with `code`, or a generic one naming the injection. */
export function faultMessage(code: string): string {
  return MESSAGES[code] ?? `Injected by SLB_EMULATOR_FAIL (${code}).`;
}

/**
 * The rules of SLB_EMULATOR_FAIL; throws one EmulatorConfigError naming the
 * variable, every bad rule and the allowed actions, so a fault drill never
 * passes without injecting anything.
 */
export function faultRules(actions: readonly string[], env: NodeJS.ProcessEnv = process.env): FaultRule[] {
  const rules: FaultRule[] = [];
  const problems: string[] = [];
  for (const text of (env.SLB_EMULATOR_FAIL ?? "")
    .split(",")
    .map((r) => r.trim())
    .filter(Boolean)) {
    const match = /^([A-Za-z]+):([1-9]\d*)(?::(lost|[A-Z][A-Za-z0-9]*(?:\.[A-Za-z0-9]+)*))?$/.exec(text);
    if (!match) problems.push(`${JSON.stringify(text)} is not <Action>:<n>[:<ErrorCode>|:lost] (n a whole number from 1)`);
    else if (!actions.includes(match[1])) problems.push(`${JSON.stringify(match[1])} is not an action the emulator serves`);
    else rules.push({ action: match[1], nth: Number(match[2]), outcome: outcomeOf(match[3]), text });
  }
  if (problems.length > 0) {
    throw new EmulatorConfigError(
      `SLB_EMULATOR_FAIL: ${problems.join("; ")}. Give <Action>:<n>[:<ErrorCode>|:lost][,...] with actions among ${actions.join(", ")}.`,
    );
  }
  return rules;
}

// ---- Runs ----

/** The kernel's start time of a process (clock ticks since boot), or "" where /proc cannot tell: with the pid it names one process. */
function startTime(pid: number): string {
  try {
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    // Field 22, counted after the command name, which sits in parentheses and may hold spaces.
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ")[19] ?? "";
  } catch {
    return "";
  }
}

/** A run's key: `<pid>.<start time>`. */
function runKey(pid: number): string {
  return `${pid}.${startTime(pid)}`;
}

let currentRun = runKey(process.pid);

/**
 * Makes the parent process the run: the provider calls this at start, since
 * Terraform starts several provider processes for one command.
 */
export function countFaultsPerParentProcess(): void {
  currentRun = runKey(process.ppid);
}

/** False only when the run's process is surely gone (no such pid, or the pid now belongs to a later process). */
function runIsAlive(run: string): boolean {
  const [pidText, start] = run.split(".");
  const pid = Number(pidText);
  if (!Number.isInteger(pid) || pid <= 0) return false; // a counter of an older emulator, keyed by rule alone
  try {
    process.kill(pid, 0);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ESRCH") return false;
  }
  return start === "" || startTime(pid) === "" || startTime(pid) === start;
}

/**
 * The rule that fires on this call of `action`, if any: counts the call for
 * every rule on `action` in this run (in `counters`, the account's), and drops
 * the counters of runs that have ended.
 */
export function faultFor(counters: Record<string, number>, action: string, rules: readonly FaultRule[]): FaultRule | undefined {
  if (rules.length === 0) return undefined;
  for (const key of Object.keys(counters)) {
    const run = key.split(" ")[0];
    if (run !== currentRun && !runIsAlive(run)) delete counters[key];
  }
  let fired: FaultRule | undefined;
  for (const rule of rules) {
    if (rule.action !== action) continue;
    const key = `${currentRun} ${rule.text}`;
    const seen = (counters[key] = (counters[key] ?? 0) + 1);
    if (seen === rule.nth) fired ??= rule;
  }
  return fired;
}
