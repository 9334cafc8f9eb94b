import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { AtomicApp } from "./atomic-app";
import { CaCertificate } from "./ca-certificate";
import { daysUntil, isoSeconds } from "./time";

/** The inventory's file name, beside `manifest.json` in the output directory. */
export const INVENTORY_FILE = "ca-certificates.json";

/** One CA certificate of an app, as the inventory lists it. */
export interface InventoryEntry {
  readonly stack: string;
  readonly path: string;
  /** The name SLB gets (with the uniqueness suffix); null when none. */
  readonly name: string | null;
  /** Region of its provider; null when unknown or a token. */
  readonly region: string | null;
  /** Null when the PEM is a token (then so are the other certificate facts). */
  readonly fingerprint: string | null;
  readonly fingerprintSha256: string | null;
  readonly subject: string | null;
  readonly issuer: string | null;
  readonly notBefore: string | null;
  readonly expireTime: string | null;
  readonly daysLeft: number | null;
  readonly tags: { readonly [key: string]: string };
}

/** A value as the inventory lists it: null when absent or known only at deploy time. */
function literal(value: string | undefined): string | null {
  return value === undefined || Token.isUnresolved(value) ? null : value;
}

/** Every CaCertificate below a scope, sorted by stack then path. */
export function collectInventory(scope: IConstruct, now: Date = new Date()): InventoryEntry[] {
  return scope.node
    .findAll()
    .filter((c): c is CaCertificate => c instanceof CaCertificate)
    .map((ca) => {
      const info = ca.info;
      const tags = Object.fromEntries(Object.entries(ca.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
      return {
        stack: TerraformStack.of(ca).node.id,
        path: ca.node.path,
        name: literal(ca.caCertificateName),
        region: literal(ca.region),
        fingerprint: info?.fingerprint ?? null,
        fingerprintSha256: info?.fingerprintSha256 ?? null,
        subject: info?.subject ?? null,
        issuer: info?.issuer ?? null,
        notBefore: info ? isoSeconds(info.notBefore) : null,
        expireTime: info?.expireTime ?? null,
        daysLeft: info ? daysUntil(info.notAfter, now) : null,
        tags,
      };
    })
    .sort((a, b) => (a.stack !== b.stack ? (a.stack < b.stack ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

/** Options of {@link addInventory}. */
export interface InventoryOptions {
  /**
   * The moment `daysLeft` counts from.
   * @default - SOURCE_DATE_EPOCH (seconds) when set, for reproducible output; else the current time
   */
  readonly now?: Date;
}

/** The inventory's reference time: explicit, else SOURCE_DATE_EPOCH, else now. */
function inventoryTime(options: InventoryOptions): Date {
  if (options.now) return options.now;
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

/**
 * Makes an AtomicApp write `ca-certificates.json` beside its stacks on every
 * successful synth: one machine-readable list of every CA certificate in the
 * app, for audits. The same code gives the same file, except `asOf` (the
 * day) and `daysLeft`, which count from the synth's day; set
 * SOURCE_DATE_EPOCH to pin them.
 */
export function addInventory(app: AtomicApp, options: InventoryOptions = {}): void {
  app.onPublish((outdir) => {
    const now = inventoryTime(options);
    const inventory = { version: 1, asOf: now.toISOString().slice(0, 10), certificates: collectInventory(app, now) };
    fs.writeFileSync(path.join(outdir, INVENTORY_FILE), `${JSON.stringify(inventory, null, 2)}\n`);
  });
}
