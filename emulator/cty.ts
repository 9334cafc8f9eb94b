/**
 * Terraform's values on the wire: cty values encoded as msgpack.
 *
 * A known value is plain msgpack (an object is a map holding every attribute,
 * null when unset). An unknown value is the msgpack extension type 0; an
 * unknown with refinements (e.g. "not null") is extension type 12. Extensions
 * the provider receives are passed back unchanged, so Terraform's refinements
 * survive a plan.
 */
import { decode, encode, ExtData } from "@msgpack/msgpack";

export type CtyValue = null | string | number | boolean | CtyValue[] | CtyObject | ExtData;
export interface CtyObject {
  [key: string]: CtyValue;
}

/** An unknown value without refinements, as cty encodes it (fixext 1, type 0, one zero byte). */
export const UNKNOWN = new ExtData(0, new Uint8Array([0]));

export function isUnknown(value: unknown): value is ExtData {
  return value instanceof ExtData;
}

/** True when the value or anything inside it is unknown. */
export function containsUnknown(value: CtyValue): boolean {
  if (isUnknown(value)) return true;
  if (Array.isArray(value)) return value.some(containsUnknown);
  if (value !== null && typeof value === "object") return Object.values(value).some(containsUnknown);
  return false;
}

export function decodeValue(bytes: Uint8Array | undefined | null): CtyValue {
  if (!bytes || bytes.length === 0) return null;
  return decode(bytes) as CtyValue;
}

export function encodeValue(value: CtyValue): Buffer {
  const bytes = encode(value, { ignoreUndefined: false });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

/** Structural equality; an unknown equals nothing, not even another unknown. */
export function sameValue(a: CtyValue, b: CtyValue): boolean {
  if (isUnknown(a) || isUnknown(b)) return false;
  if (a === null || b === null || typeof a !== "object" || typeof b !== "object") return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
  const ao = a as CtyObject;
  const bo = b as CtyObject;
  const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
  for (const key of keys) {
    if (!sameValue(ao[key] ?? null, bo[key] ?? null)) return false;
  }
  return true;
}
