/**
 * Prints the CA certificate inventory of the last synth (cdktf.out/ca-certificates.json)
 * as a table, soonest expiry first: `npm run inventory [-- path/to/ca-certificates.json]`.
 */
import * as fs from "fs";
import * as path from "path";
import { INVENTORY_FILE, InventoryEntry } from "../constructs/inventory";
import { daysUntil } from "../constructs/time";

/**
 * The inventory as a plain-text table, soonest expiry first (unknown expiry
 * last). Days left count from `now`, not from the day of the synth.
 */
export function inventoryTable(inventory: readonly InventoryEntry[], now: Date = new Date()): string {
  const entries = inventory.map((e) => ({
    ...e,
    daysLeft: e.expireTime === null ? null : daysUntil(new Date(e.expireTime), now),
  }));
  const sorted = [...entries].sort((a, b) => (a.daysLeft ?? Infinity) - (b.daysLeft ?? Infinity) || (a.path < b.path ? -1 : 1));
  const header = ["DAYS LEFT", "EXPIRES", "STACK", "PATH", "NAME", "REGION", "SHA-1 FINGERPRINT", "OWNER"];
  const rows = sorted.map((e) => [
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
  return [header, ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i])).join("  ").trimEnd()).join("\n");
}

if (require.main === module) {
  const file = process.argv[2] ?? path.join(__dirname, "..", "cdktf.out", INVENTORY_FILE);
  if (!fs.existsSync(file)) {
    console.error(`No inventory at ${file}: run npm run synth first.`);
    process.exit(1);
  }
  console.log(inventoryTable(JSON.parse(fs.readFileSync(file, "utf8")).certificates));
}
