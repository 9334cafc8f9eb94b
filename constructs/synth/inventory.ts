import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Token } from "cdktf";
import { IConstruct } from "constructs";
import { AtomicApp } from "./atomic-app";
import { CaCertificate } from "../certificate/ca-certificate";
import { daysUntil, isoSeconds } from "../x509/time";

/** One CA certificate of an app, as the inventory lists it. */
export interface InventoryEntry {
  /** The id of its stack. */
  readonly stack: string;
  /** Its construct path. */
  readonly path: string;
  /**
   * The name SLB gets (with the uniqueness suffix).
   * @default - none: no name, or a token
   */
  readonly name?: string;
  /**
   * Region of its provider.
   * @default - unknown: no provider region yet, or a token
   */
  readonly region?: string;
  /**
   * SHA-1 fingerprint, lowercase hex pairs joined by ":".
   * @default - unknown: the PEM is a token (then so are the other certificate facts)
   */
  readonly fingerprint?: string;
  /**
   * SHA-256 fingerprint.
   * @default - unknown: the PEM is a token
   */
  readonly fingerprintSha256?: string;
  /**
   * Subject, RFC 2253 order.
   * @default - unknown: the PEM is a token
   */
  readonly subject?: string;
  /**
   * Issuer, RFC 2253 order.
   * @default - unknown: the PEM is a token
   */
  readonly issuer?: string;
  /**
   * notBefore, ISO 8601 UTC without milliseconds.
   * @default - unknown: the PEM is a token
   */
  readonly notBefore?: string;
  /**
   * Expiry, ISO 8601 UTC without milliseconds.
   * @default - unknown: the PEM is a token
   */
  readonly expireTime?: string;
  /**
   * Whole days from the inventory's time until expiry (negative once expired).
   * @default - unknown: the PEM is a token
   */
  readonly daysLeft?: number;
  /** Its tags, sorted by key. */
  readonly tags: { [key: string]: string };
}

/**
 * An entry as `ca-certificates.json` holds it: every key present, `null` where
 * {@link InventoryEntry} has none. Internal: the file's format, for its readers.
 */
export type InventoryFileEntry = {
  readonly [K in keyof InventoryEntry]-?: undefined extends InventoryEntry[K] ? Exclude<InventoryEntry[K], undefined> | null : InventoryEntry[K];
};

/** Options of {@link CaCertificateInventory.collect}. */
export interface InventoryCollectOptions {
  /**
   * The moment `daysLeft` counts from.
   * @default - the current time
   */
  readonly now?: Date;
}

/** Options of {@link CaCertificateInventory.addTo}. */
export interface InventoryOptions {
  /**
   * The moment `daysLeft` counts from.
   * @default - SOURCE_DATE_EPOCH (seconds) when set, for reproducible output; else the current time
   */
  readonly now?: Date;
}

/** A value as the inventory lists it: undefined when absent or known only at deploy time. */
function literal(value: string | undefined): string | undefined {
  return value === undefined || Token.isUnresolved(value) ? undefined : value;
}

/** The inventory's reference time: explicit, else SOURCE_DATE_EPOCH, else now. */
function inventoryTime(options: InventoryOptions): Date {
  if (options.now) return options.now;
  const epoch = Number(process.env.SOURCE_DATE_EPOCH);
  return process.env.SOURCE_DATE_EPOCH && Number.isFinite(epoch) ? new Date(epoch * 1000) : new Date();
}

/** An entry as the file holds it: every key, in a fixed order, `null` for none. */
function fileEntry(e: InventoryEntry): InventoryFileEntry {
  return {
    stack: e.stack,
    path: e.path,
    name: e.name ?? null,
    region: e.region ?? null,
    fingerprint: e.fingerprint ?? null,
    fingerprintSha256: e.fingerprintSha256 ?? null,
    subject: e.subject ?? null,
    issuer: e.issuer ?? null,
    notBefore: e.notBefore ?? null,
    expireTime: e.expireTime ?? null,
    daysLeft: e.daysLeft ?? null,
    tags: e.tags,
  };
}

/**
 * The inventory of an app's CA certificates: one machine-readable list, for
 * audits and expiry checks.
 *
 * @example
 * const app = new AtomicApp();
 * CaCertificateInventory.addTo(app); // writes cdktf.out/ca-certificates.json on every successful synth
 */
export class CaCertificateInventory {
  /** The inventory's file name, beside `manifest.json` in the output directory. */
  public static readonly FILE_NAME = "ca-certificates.json";

  /**
   * Every CaCertificate below a scope, sorted by stack then path.
   * @param scope an app, a stack or any construct
   * @param options the moment `daysLeft` counts from
   */
  public static collect(scope: IConstruct, options: InventoryCollectOptions = {}): InventoryEntry[] {
    const now = options.now ?? new Date();
    return scope.node
      .findAll()
      .filter((c): c is CaCertificate => c instanceof CaCertificate)
      .map((ca): InventoryEntry => {
        const info = ca.info;
        const tags = Object.fromEntries(Object.entries(ca.tags).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)));
        return {
          stack: TerraformStack.of(ca).node.id,
          path: ca.node.path,
          name: literal(ca.caCertificateName),
          region: literal(ca.region),
          fingerprint: info?.fingerprint,
          fingerprintSha256: info?.fingerprintSha256,
          subject: info?.subject,
          issuer: info?.issuer,
          notBefore: info ? isoSeconds(info.notBefore) : undefined,
          expireTime: info?.expireTime,
          daysLeft: info ? daysUntil(info.notAfter, now) : undefined,
          tags,
        };
      })
      .sort((a, b) => (a.stack !== b.stack ? (a.stack < b.stack ? -1 : 1) : a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  }

  /**
   * Makes an AtomicApp write `ca-certificates.json` beside its stacks on every
   * successful synth: every CA certificate in the app, each key present (`null`
   * where an entry has none). The same code gives the same file, except `asOf`
   * (the day) and `daysLeft`, which count from the synth's day; set
   * SOURCE_DATE_EPOCH to pin them.
   * @param app the app whose synth writes the file
   * @param options the moment `daysLeft` counts from
   */
  public static addTo(app: AtomicApp, options: InventoryOptions = {}): void {
    app.onPublish({
      beforePublish: (outdir: string) => {
        const now = inventoryTime(options);
        const certificates = CaCertificateInventory.collect(app, { now }).map(fileEntry);
        const inventory = { version: 1, asOf: now.toISOString().slice(0, 10), certificates };
        fs.writeFileSync(path.join(outdir, CaCertificateInventory.FILE_NAME), `${JSON.stringify(inventory, null, 2)}\n`);
      },
    });
  }

  private constructor() {}
}
