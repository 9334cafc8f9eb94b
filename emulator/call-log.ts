/**
 * The log of API calls the account served, kept apart from the account: one
 * JSON line per call, appended (under the account's lock), never rewritten and
 * never loaded by the provider. A call's number (`seq`) is its line number, so
 * the log stays right however many processes append to it. Each line also
 * says how long the account took to serve the change the call was part of
 * (`changeMs`: lock wait, load and the action, not the write), and the CPU time
 * the serving process had used so far (`processCpuMs`), so a slow call can be
 * told from a slow caller, and a busy provider process from a busy Terraform.
 */
import * as fs from "fs";
import * as path from "path";
import type { CallRecord } from "./account";
import { readBoundedText } from "./bounded-read";

/** The log is read whole only by people and tests (`local-cloud calls`, readAccount): far below this. */
const MAX_LOG_BYTES = 512 * 1024 * 1024;

/** Beside the account file: `account.json` logs to `account.calls.jsonl`. */
export function callLogPath(accountFile: string): string {
  return path.join(path.dirname(accountFile), `${path.basename(accountFile).replace(/\.json$/, "")}.calls.jsonl`);
}

/** A call as the log holds it. */
export interface LoggedCall extends CallRecord {
  /** Milliseconds the account took to serve the change this call was part of; absent for calls logged before it was recorded. */
  readonly changeMs?: number;
  /** CPU time (user and system) the process that served the call had used when it logged it, in ms; absent in older logs. */
  readonly processCpuMs?: number;
}

/** Appends `calls` (their `seq` is left out: the line number is the number), each with `changeMs`. */
export function appendCalls(accountFile: string, calls: readonly CallRecord[], changeMs?: number): void {
  if (calls.length === 0) return;
  const rounded = changeMs === undefined ? undefined : Math.round(changeMs * 1000) / 1000;
  const cpu = process.cpuUsage();
  const processCpuMs = changeMs === undefined ? undefined : Math.round((cpu.user + cpu.system) / 100) / 10;
  const text = calls.map(({ seq: _seq, ...call }) => `${JSON.stringify({ ...call, changeMs: rounded, processCpuMs })}\n`).join("");
  fs.appendFileSync(callLogPath(accountFile), text);
}

/** Every logged call, numbered from 1; a line cut short by a crash is left out. */
export function readCalls(accountFile: string, what: string): LoggedCall[] {
  const text = readBoundedText(callLogPath(accountFile), `${what}'s call log`, MAX_LOG_BYTES) ?? "";
  const complete = text.slice(0, text.lastIndexOf("\n") + 1);
  const calls: LoggedCall[] = [];
  complete
    .split("\n")
    .slice(0, -1)
    .forEach((line, index) => {
      try {
        calls.push({ ...JSON.parse(line), seq: index + 1 });
      } catch {
        // A damaged line costs that call, not the log (it only records; nothing depends on it); the others keep their numbers.
      }
    });
  return calls;
}
