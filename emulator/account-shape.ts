/**
 * What an account file must hold, checked when it is loaded: a damaged record
 * (edited by hand, or written by something else) is refused with one line
 * naming the record and the field, never a TypeError deep in a handler or in a
 * listing. Only the fields the handlers and listings rely on are checked; any
 * other field is kept as it is.
 */
import { quoted } from "./printable";

/** The record lists, each with the field that identifies a record. */
export const RECORD_LISTS: Readonly<Record<string, string>> = {
  caCertificates: "CACertificateId",
  serverCertificates: "ServerCertificateId",
  loadBalancers: "LoadBalancerId",
  listeners: "ListenerId",
};

/** The top-level fields every account has besides its lists (they never change). */
export const IDENTITY_FIELDS = ["accountId", "defaultResourceGroupId"] as const;

type FieldKind = "string" | "optional string" | "number" | "tags" | "object";

const TAGS = { Tags: "tags" } as const;
const WHERE = { ResourceGroupId: "string", RegionId: "string" } as const;

const FIELDS: Readonly<Record<string, Readonly<Record<string, FieldKind>>>> = {
  caCertificates: {
    CACertificateId: "string",
    CACertificateName: "string",
    Fingerprint: "string",
    CommonName: "string",
    ExpireTime: "string",
    ExpireTimeStamp: "number",
    CreateTime: "string",
    CreateTimeStamp: "number",
    CACertificate: "string",
    ...WHERE,
    ...TAGS,
  },
  serverCertificates: {
    ServerCertificateId: "string",
    ServerCertificateName: "string",
    Fingerprint: "string",
    CommonName: "string",
    ExpireTime: "string",
    ...WHERE,
    ...TAGS,
  },
  loadBalancers: { LoadBalancerId: "string", RegionId: "string", Attributes: "object" },
  listeners: {
    ListenerId: "string",
    LoadBalancerId: "string",
    ListenerProtocol: "string",
    ListenerPort: "number",
    RegionId: "string",
    ServerCertificateId: "optional string",
    CACertificateId: "optional string",
    Attributes: "object",
  },
};

/** What a value is, in words: "null", "missing", "a number", "an array". */
export function kindOf(value: unknown): string {
  if (value === undefined) return "missing";
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  return typeof value === "object" ? "an object" : `a ${typeof value}`;
}

const isObject = (value: unknown): value is Record<string, unknown> => value !== null && typeof value === "object" && !Array.isArray(value);

function fieldProblem(name: string, kind: FieldKind, value: unknown): string | undefined {
  switch (kind) {
    case "string":
      return typeof value === "string" ? undefined : `${name} is ${kindOf(value)}, not a string`;
    case "optional string":
      return value === undefined || value === null || typeof value === "string" ? undefined : `${name} is ${kindOf(value)}, not a string`;
    case "number":
      return typeof value === "number" && Number.isFinite(value) ? undefined : `${name} is ${kindOf(value)}, not a number`;
    case "object":
      return isObject(value) ? undefined : `${name} is ${kindOf(value)}, not an object`;
    case "tags":
      if (!Array.isArray(value)) return `${name} is ${kindOf(value)}, not a list of {Key, Value}`;
      return value.every((t) => isObject(t) && typeof t.Key === "string" && typeof t.Value === "string")
        ? undefined
        : `${name} has an entry that is not {Key, Value} (two strings)`;
  }
}

/**
 * What is wrong with one record of `list`, or undefined; the record is named by
 * its ID when it has one (escaped for printing), else by `position`.
 */
export function recordProblem(list: string, record: unknown, position: string): string | undefined {
  const idField = RECORD_LISTS[list];
  const named = () => `${list} record ${isObject(record) && typeof record[idField] === "string" ? quoted(record[idField] as string) : position}`;
  if (!isObject(record)) return `${named()} is ${kindOf(record)}, not a record`;
  const wrong = Object.entries(FIELDS[list] ?? {})
    .map(([name, kind]) => fieldProblem(name, kind, record[name]))
    .filter((p): p is string => p !== undefined);
  return wrong.length > 0 ? `${named()}: ${wrong.join(", ")}` : undefined;
}

/** At most `max` problems in one line, and how many more there are. */
export function oneLine(problems: readonly string[], max = 3): string {
  const shown = problems.slice(0, max).join("; ");
  return problems.length > max ? `${shown}; and ${problems.length - max} more` : shown;
}

/** What is wrong with the shape of an account object of the first file format (one JSON object), or undefined. */
export function legacyShapeProblem(parsed: unknown): string | undefined {
  if (!isObject(parsed)) return `holds ${kindOf(parsed) === "missing" ? "nothing" : kindOf(parsed)}, not an account object`;
  if (typeof parsed.accountId !== "string") return "has no accountId (a string)";
  const missing = [...Object.keys(RECORD_LISTS), "calls"].filter((name) => !Array.isArray(parsed[name]));
  if (missing.length > 0) return `has no ${missing.join(", ")} list${missing.length === 1 ? "" : "s"}`;
  if (!isObject(parsed.faults)) return "has no faults object";
  return undefined;
}
