/**
 * The account file's format: a journal, one JSON line per change, so that a
 * change costs what it changed, not what the account holds.
 *
 *   {"slbEmulatorAccount":2,"accountId":"…","defaultResourceGroupId":"rg-…"}      first line
 *   {"put":{"caCertificates":[{…the whole record…}]}}                               a change
 *   {"delete":{"listeners":["lb-…:https:443"]},"set":{"faults":{…}}}               another
 *
 * Replaying a line: its deletes, then its puts (a record replaces the one with
 * its ID where that one stands, or comes last), then its sets (other top-level
 * values, whole). A change is one line, so a reader without the lock sees it
 * whole or not at all: a last line without its newline (a writer cut short) is
 * left out, and the next writer cuts it off. When the lines outnumber the
 * records well, the file is written whole again (compacted).
 *
 * The first format (one pretty-printed JSON object, the call log inside) is
 * still read; the first change rewrites it in this one.
 *
 * Pure: account-file.ts does the I/O.
 */
import type { Account, CallRecord } from "./account";
import { IDENTITY_FIELDS, RECORD_LISTS, legacyShapeProblem, oneLine, recordProblem } from "./account-shape";
import type { Changes } from "./change-tracker";
import { quoted } from "./printable";

const FORMAT = 2;
const HEADER_START = `{"slbEmulatorAccount":`;

/** An account as its file holds it, with what writing the next change needs. */
export interface Journal {
  /** The account; `calls` is always empty here (the log is a file of its own). */
  readonly account: Account;
  /** Each record list's records by ID, in list order: what the file holds. */
  readonly index: Map<string, Map<string, object>>;
  /** Puts, deletes and sets written since the file was last written whole. */
  entries: number;
  /** Bytes of complete lines in the file. */
  length: number;
  /** Read from the first format: its calls (to move to the log) and a rewrite due at the next change. */
  legacyCalls?: CallRecord[];
}

interface ChangeLine {
  put?: Record<string, object[]>;
  delete?: Record<string, string[]>;
  set?: Record<string, unknown>;
}

/** Values of the account that are neither its identity, nor a record list, nor the call log: written whole when changed. */
function otherKeys(account: Account): string[] {
  return Object.keys(account).filter((k) => !(IDENTITY_FIELDS as readonly string[]).includes(k) && !(k in RECORD_LISTS) && k !== "calls");
}

const idOf = (list: string, record: object): string => (record as Record<string, string>)[RECORD_LISTS[list]];

export function headerLine(account: Account): string {
  return `${JSON.stringify({ slbEmulatorAccount: FORMAT, accountId: account.accountId, defaultResourceGroupId: account.defaultResourceGroupId })}\n`;
}

/** A journal of a new account (its header not yet written). */
export function newJournal(account: Account): Journal {
  return { account, index: new Map(Object.keys(RECORD_LISTS).map((list) => [list, new Map()])), entries: 0, length: 0 };
}

/**
 * Reads a whole file's text; `fresh` makes the defaults (an empty account of
 * the emulator's shape). Returns the problem, in words that follow the file's
 * name, when the text is no account.
 */
export function parseJournal(text: string, fresh: () => Account): Journal | string {
  if (!text.startsWith(HEADER_START)) return parseLegacy(text, fresh);
  const length = text.lastIndexOf("\n") + 1;
  const lines = text.slice(0, length).split("\n").slice(0, -1);
  let header: Record<string, unknown>;
  try {
    header = JSON.parse(lines[0] ?? "");
  } catch {
    return "has a damaged first line (the header is not JSON)";
  }
  if (header.slbEmulatorAccount !== FORMAT)
    return `is of format ${quoted(String(header.slbEmulatorAccount))}, which this emulator does not read (it reads ${FORMAT})`;
  const missing = IDENTITY_FIELDS.filter((k) => typeof header[k] !== "string");
  if (missing.length > 0) return `has no ${missing.join(", ")} (a string) in its first line`;
  const journal = newJournal({ ...fresh(), accountId: header.accountId as string, defaultResourceGroupId: header.defaultResourceGroupId as string });
  const problems = applyLines(journal, lines.slice(1), 2);
  if (problems.length > 0) return `has ${problems.length === 1 ? "a damaged line" : `${problems.length} damaged lines`}: ${oneLine(problems)}`;
  journal.length = length;
  return journal;
}

/**
 * Replays complete lines (without their newlines) onto the journal; the first
 * is line `firstLine` of the file. Returns the problems, one per damaged line;
 * a damaged line changes nothing.
 */
export function applyLines(journal: Journal, lines: readonly string[], firstLine: number): string[] {
  const problems: string[] = [];
  const touched = new Set<string>();
  lines.forEach((text, i) => {
    const at = `line ${firstLine + i}`;
    let line: ChangeLine;
    try {
      line = JSON.parse(text);
    } catch {
      problems.push(`${at} is not JSON`);
      return;
    }
    const wrong = changeLineProblem(line);
    if (wrong) {
      problems.push(`${at} ${wrong}`);
      return;
    }
    const recordProblems = Object.entries(line.put ?? {}).flatMap(([list, records]) =>
      records.map((r, n) => recordProblem(list, r, `#${n + 1}`)).filter((p): p is string => p !== undefined),
    );
    if (recordProblems.length > 0) {
      problems.push(`${at}: ${recordProblems.join(", ")}`);
      return;
    }
    for (const [list, ids] of Object.entries(line.delete ?? {})) for (const id of ids) journal.index.get(list)!.delete(id);
    for (const [list, records] of Object.entries(line.put ?? {})) for (const r of records) journal.index.get(list)!.set(idOf(list, r), r);
    for (const [key, value] of Object.entries(line.set ?? {})) (journal.account as unknown as Record<string, unknown>)[key] = value;
    for (const list of [...Object.keys(line.delete ?? {}), ...Object.keys(line.put ?? {})]) touched.add(list);
    journal.entries += countEntries(line);
  });
  const lists = journal.account as unknown as Record<string, object[]>;
  for (const list of touched) lists[list] = [...journal.index.get(list)!.values()];
  return problems;
}

function changeLineProblem(line: unknown): string | undefined {
  if (line === null || typeof line !== "object" || Array.isArray(line)) return "is not a change (an object of put, delete and set)";
  const { put, delete: deleted, set, ...rest } = line as Record<string, unknown>;
  if (Object.keys(rest).length > 0)
    return `has ${Object.keys(rest)
      .map((k) => quoted(k))
      .join(", ")}, not put, delete or set`;
  for (const [part, value, each] of [
    ["put", put, "a list of records"],
    ["delete", deleted, "a list of IDs"],
  ] as const) {
    if (value === undefined) continue;
    if (value === null || typeof value !== "object" || Array.isArray(value)) return `has a ${part} that is not an object of lists`;
    for (const [list, entries] of Object.entries(value)) {
      if (!(list in RECORD_LISTS)) return `has a ${part} of ${quoted(list)}, which is not a record list (${Object.keys(RECORD_LISTS).join(", ")})`;
      if (!Array.isArray(entries) || (part === "delete" && !entries.every((id) => typeof id === "string")))
        return `has a ${part} of ${list} that is not ${each}`;
    }
  }
  if (set !== undefined && (set === null || typeof set !== "object" || Array.isArray(set))) return "has a set that is not an object";
  const clash = Object.keys((set ?? {}) as object).filter((k) => (IDENTITY_FIELDS as readonly string[]).includes(k) || k in RECORD_LISTS || k === "calls");
  if (clash.length > 0) return `sets ${clash.join(", ")}, which a change never sets whole`;
  return undefined;
}

function countEntries(line: ChangeLine): number {
  const count = (part?: Record<string, unknown[]>) => Object.values(part ?? {}).reduce((n, l) => n + l.length, 0);
  return count(line.put) + count(line.delete) + Object.keys(line.set ?? {}).length;
}

/**
 * The line that writes `changes` (with its newline), or undefined when they
 * changed nothing the file holds; brings the journal's index up to date.
 * Costs the changed records, plus one pass over the IDs of a list whose
 * membership changed.
 */
export function changeLine(journal: Journal, changes: Changes): string | undefined {
  const line: ChangeLine = {};
  const puts = new Map<string, Set<object>>();
  const putIn = (list: string) => puts.get(list) ?? puts.set(list, new Set()).get(list)!;
  for (const [list, membership] of changes.lists) {
    const before = journal.index.get(list)!;
    if ("appended" in membership) {
      // Records added at the end (an upload): only they are written; an ID seen before is a replacement.
      for (const r of membership.appended) {
        if (before.get(idOf(list, r)) !== r) putIn(list).add(r);
        before.delete(idOf(list, r));
        before.set(idOf(list, r), r);
      }
      continue;
    }
    const records = membership.all;
    const after = new Map(records.map((r) => [idOf(list, r), r]));
    const gone = [...before.keys()].filter((id) => !after.has(id));
    if (gone.length > 0) (line.delete ??= {})[list] = gone;
    for (const [id, r] of after) if (before.get(id) !== r) putIn(list).add(r);
    journal.index.set(list, after);
  }
  for (const [list, records] of changes.records) {
    const now = journal.index.get(list)!;
    for (const r of records) if (now.get(idOf(list, r)) === r) putIn(list).add(r);
  }
  for (const [list, records] of puts) if (records.size > 0) (line.put ??= {})[list] = [...records];
  const account = journal.account as unknown as Record<string, unknown>;
  for (const key of changes.keys) (line.set ??= {})[key] = account[key];
  const entries = countEntries(line);
  if (entries === 0) return undefined;
  journal.entries += entries;
  return `${JSON.stringify(line)}\n`;
}

/** True when the journal's lines outnumber what it holds enough that writing it whole pays. */
export function compactionDue(journal: Journal): boolean {
  if (journal.legacyCalls) return true;
  const records = [...journal.index.values()].reduce((n, m) => n + m.size, 0);
  return journal.entries > 2 * records + 1000;
}

/** The whole file: the header, one line per record, then the other values in one line. Resets the entry count. */
export function compactText(journal: Journal): string {
  const lines = [headerLine(journal.account)];
  for (const [list, records] of journal.index) for (const r of records.values()) lines.push(`${JSON.stringify({ put: { [list]: [r] } })}\n`);
  const account = journal.account as unknown as Record<string, unknown>;
  const set = Object.fromEntries(otherKeys(journal.account).map((k) => [k, account[k]]));
  if (Object.keys(set).length > 0) lines.push(`${JSON.stringify({ set })}\n`);
  journal.entries = lines.length - 1;
  delete journal.legacyCalls;
  return lines.join("");
}

/** The first format: one JSON object with the lists and the calls. */
function parseLegacy(text: string, fresh: () => Account): Journal | string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    return `is not JSON (${(error as Error).message})`;
  }
  const wrong = legacyShapeProblem(parsed);
  if (wrong) return wrong;
  const { calls, ...rest } = parsed as Account;
  const problems = Object.keys(RECORD_LISTS).flatMap((list) =>
    ((rest as unknown as Record<string, unknown[]>)[list] ?? []).map((r, n) => recordProblem(list, r, `#${n + 1}`)).filter((p): p is string => p !== undefined),
  );
  if (problems.length > 0) return `has ${problems.length === 1 ? "a damaged record" : `${problems.length} damaged records`}: ${oneLine(problems)}`;
  const journal = newJournal({ ...fresh(), ...rest, calls: [] });
  const lists = journal.account as unknown as Record<string, object[]>;
  for (const list of Object.keys(RECORD_LISTS)) journal.index.set(list, new Map(lists[list].map((r) => [idOf(list, r), r])));
  journal.legacyCalls = calls;
  journal.length = Buffer.byteLength(text);
  return journal;
}
