/**
 * Prints the CA certificate inventory of the last synth (cdktf.out/ca-certificates.json),
 * days left counted from now:
 *
 *   slb-ca inventory [--json] [--fail-within DAYS] [path/to/ca-certificates.json]
 *
 * The default is a table, soonest expiry first; `--json` prints the entries as
 * JSON. `--fail-within DAYS` exits 1, naming each certificate that expires in
 * less than DAYS days (or has expired), for a scheduled pipeline job.
 */
import * as fs from "fs";
import * as path from "path";
import { CaCertificateFileError } from "../constructs/errors";
import { CaCertificateInventory, InventoryFileEntry } from "../constructs/synth/inventory";
import { readUserFile } from "../constructs/read-user-file";
import { daysUntil, isoSeconds, withinDays } from "../constructs/x509/time";

/** The entries with days left counted from `now`, soonest expiry first (unknown expiry last). */
export function fromNow(inventory: readonly InventoryFileEntry[], now: Date): InventoryFileEntry[] {
  const entries = inventory.map((e) => ({ ...e, daysLeft: e.expireTime === null ? null : daysUntil(new Date(e.expireTime), now) }));
  return entries.sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || (a.path < b.path ? -1 : 1));
}

/**
 * The inventory as a plain-text table, soonest expiry first (unknown expiry
 * last). Days left count from `now`, not from the day of the synth.
 */
export function inventoryTable(inventory: readonly InventoryFileEntry[], now: Date = new Date()): string {
  const header = ["DAYS LEFT", "EXPIRES", "STACK", "PATH", "NAME", "REGION", "SHA-1 FINGERPRINT", "OWNER"];
  const rows = fromNow(inventory, now).map((e) => [
    e.daysLeft === null ? "?" : String(e.daysLeft),
    e.expireTime ?? "(deploy time)",
    e.stack,
    e.path,
    e.name ?? "-",
    e.region ?? "-",
    e.fingerprint ?? "(deploy time)",
    e.tags.owner ?? "-",
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
  return [header, ...rows]
    .map((r) =>
      r
        .map((cell, i) => cell.padEnd(widths[i]))
        .join("  ")
        .trimEnd(),
    )
    .join("\n");
}

/** The certificates that expire in less than `days` days from `now` (expired ones included); unknown expiry is not counted. */
export function expiringWithin(inventory: readonly InventoryFileEntry[], days: number, now: Date = new Date()): InventoryFileEntry[] {
  return fromNow(inventory, now).filter((e) => e.expireTime !== null && withinDays(new Date(e.expireTime), now, days));
}

/** The message of a failed expiry check: one line per certificate. */
export function expiryReport(expiring: readonly InventoryFileEntry[], days: number): string {
  const count = expiring.length === 1 ? "1 CA certificate expires" : `${expiring.length} CA certificates expire`;
  const lines = expiring.map((e) => `  ${e.path} (${e.name ?? "no name"}, SHA-1 ${e.fingerprint}): expires ${e.expireTime}, ${e.daysLeft} days left`);
  return [`${count} within ${days} days:`, ...lines].join("\n");
}

/** An inventory file is small (a few hundred bytes per certificate): this is far above any real one. */
const INVENTORY_FILE = { content: `the inventory (${CaCertificateInventory.FILE_NAME} from a synth)`, maxBytes: 16 * 1024 * 1024, maxShown: "16 MiB" };

/**
 * The certificates of an inventory file, read bounded and checked for the shape
 * `{asOf, certificates: [...]}`; throws one line naming the file and what is wrong.
 */
export function readInventory(file: string): InventoryFileEntry[] {
  let parsed: unknown;
  try {
    parsed = JSON.parse(readUserFile(file, INVENTORY_FILE).toString("utf8"));
  } catch (error) {
    if (error instanceof CaCertificateFileError) throw error;
    throw new Error(`${JSON.stringify(file)} is not JSON (${(error as Error).message}): give the ${CaCertificateInventory.FILE_NAME} a synth wrote.`);
  }
  const wrong = shapeProblem(parsed);
  if (wrong) throw new Error(`${JSON.stringify(file)} ${wrong}: give the ${CaCertificateInventory.FILE_NAME} a synth wrote.`);
  return (parsed as { certificates: InventoryFileEntry[] }).certificates;
}

function shapeProblem(parsed: unknown): string | undefined {
  if (parsed === null || typeof parsed !== "object" || Array.isArray(parsed))
    return `holds ${parsed === null ? "null" : Array.isArray(parsed) ? "an array" : `a ${typeof parsed}`}, not an object {asOf, certificates: [...]}`;
  const { asOf, certificates } = parsed as Record<string, unknown>;
  if (typeof asOf !== "string") return "has no asOf date (a string)";
  if (!Array.isArray(certificates)) return "has no certificates list (an array)";
  const bad = certificates.findIndex(
    (e) =>
      e === null ||
      typeof e !== "object" ||
      typeof e.path !== "string" ||
      typeof e.stack !== "string" ||
      (e.expireTime !== null && typeof e.expireTime !== "string") ||
      e.tags === null ||
      typeof e.tags !== "object",
  );
  if (bad >= 0) return `has a certificates[${bad}] that is not an entry (an object with path, stack, expireTime and tags)`;
  return undefined;
}

interface Options {
  readonly json: boolean;
  readonly failWithin?: number;
  readonly file: string;
}

function parseArgs(args: readonly string[]): Options {
  let json = false;
  let failWithin: number | undefined;
  // The current folder's synth, as `npm run` starts scripts at the package root (or a test in an app folder).
  let file = path.resolve("cdktf.out", CaCertificateInventory.FILE_NAME);
  for (let i = 0; i < args.length; i++) {
    const [flag, inline] = args[i].split("=", 2);
    if (flag === "--json") json = true;
    else if (flag === "--fail-within") {
      const value = inline ?? args[++i];
      if (value === undefined || !/^\d+$/.test(value))
        throw new Error(`--fail-within takes a whole number of days (0 or more), got ${JSON.stringify(value ?? "")}`);
      failWithin = Number(value);
    } else if (flag.startsWith("--"))
      throw new Error(`unknown option ${flag}; allowed: --json, --fail-within DAYS, a path to ${CaCertificateInventory.FILE_NAME}`);
    else file = args[i];
  }
  return { json, failWithin, file };
}

export const INVENTORY_USAGE = "usage: slb-ca inventory [--json] [--fail-within DAYS] [path/to/ca-certificates.json]";

/** Runs `slb-ca inventory` with `args`, days counted from `now`; returns the exit code. */
export function inventoryMain(args: readonly string[], now = new Date()): number {
  let options: Options;
  try {
    options = parseArgs(args);
  } catch (error) {
    console.error(`slb-ca inventory: ${(error as Error).message}\n${INVENTORY_USAGE}`);
    return 2;
  }
  if (!fs.existsSync(options.file)) {
    console.error(missingInventoryMessage(options.file));
    return 1;
  }
  let inventory: InventoryFileEntry[];
  try {
    inventory = readInventory(options.file);
  } catch (error) {
    console.error(`slb-ca inventory: ${(error as Error).message}`);
    return 2;
  }
  const entries = fromNow(inventory, now);
  console.log(options.json ? JSON.stringify({ asOf: isoSeconds(now), certificates: entries }, null, 2) : inventoryTable(inventory, now));
  if (options.failWithin === undefined) return 0;
  const expiring = expiringWithin(inventory, options.failWithin, now);
  if (expiring.length === 0) return 0;
  console.error(expiryReport(expiring, options.failWithin));
  return 1;
}

/**
 * Why there is no inventory: no synth yet, or (a synth's manifest.json beside
 * it) an app that never calls CaCertificateInventory.addTo, which writes it.
 */
export function missingInventoryMessage(file: string): string {
  const addTo = "`CaCertificateInventory.addTo(app)`";
  if (fs.existsSync(path.join(path.dirname(file), "manifest.json"))) {
    return `No inventory at ${file}: the last synth wrote none, so the app does not call ${addTo}; add it after \`new AtomicApp()\`, then synthesize again (slb-ca synth).`;
  }
  return `No inventory at ${file}: synthesize the app first (slb-ca synth); it writes the inventory when it calls ${addTo}.`;
}
