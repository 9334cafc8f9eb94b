/**
 * The worst single validation call: inputs built to make a parser slow (long
 * repetitions of armour fragments, one huge line, deep DER nesting), each timed
 * as the fastest of five calls, so that a GC pause or another process on a
 * busy machine cannot inflate it, while a runaway (quadratic regex, a 64 KiB
 * input read character by character in a slow path) still shows. This bound
 * lived in properties.test.ts, where it went red at random on a busy machine.
 */
import { MAX_PEM_LENGTH } from "../constructs/x509/pem";

/** A named adversarial input. */
export interface AdversarialInput {
  readonly name: string;
  readonly input: unknown;
}

function fill(unit: string, length = MAX_PEM_LENGTH): string {
  return unit.repeat(Math.ceil(length / unit.length)).slice(0, length);
}

/** Deterministic pseudo-random base64 (no Math.random: the same inputs every run). */
function base64(length: number): string {
  const alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  let x = 12345;
  let out = "";
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) & 0x7fffffff;
    out += alphabet[x % 64];
  }
  return out;
}

/** DER of `depth` nested SEQUENCEs (two-byte lengths), as a PEM: the DER walk must not recurse. */
function nestedDer(depth: number): string {
  const parts: number[] = [];
  for (let i = 0; i < depth; i++) {
    const inner = (depth - i - 1) * 4;
    parts.push(0x30, 0x82, inner >> 8, inner & 0xff);
  }
  const body = Buffer.from(parts).toString("base64").replace(/.{64}/g, "$&\n");
  return `-----BEGIN CERTIFICATE-----\n${body}\n-----END CERTIFICATE-----\n`;
}

export const ADVERSARIAL_INPUTS: readonly AdversarialInput[] = [
  { name: "64 KiB of BEGIN CERTIFICATE lines", input: fill("-----BEGIN CERTIFICATE-----\n") },
  { name: "64 KiB of mangled armour on one line", input: fill("---- BEGIN  CERTIFICATE ---") },
  { name: "64 KiB of spaces between BEGIN and END", input: `-----BEGIN ${fill(" ", MAX_PEM_LENGTH - 40)}X-----` },
  { name: "64 KiB of PRIVATE KEY markers", input: fill("BEGIN PRIVATE KEY END ") },
  { name: "one 64 KiB base64 line in a block", input: `-----BEGIN CERTIFICATE-----\n${base64(MAX_PEM_LENGTH - 60)}\n-----END CERTIFICATE-----\n` },
  {
    name: "64 KiB of 76-column base64 in a block",
    input: `-----BEGIN CERTIFICATE-----\n${base64(MAX_PEM_LENGTH - 1000).replace(/.{76}/g, "$&\n")}\n-----END CERTIFICATE-----\n`,
  },
  { name: "64 KiB of dashes", input: fill("-") },
  {
    name: "64 KiB of header-like lines",
    input: `-----BEGIN CERTIFICATE-----\n${fill("Proc-Type: 4,ENCRYPTED\n", MAX_PEM_LENGTH - 60)}-----END CERTIFICATE-----\n`,
  },
  { name: "8,000 nested DER SEQUENCEs", input: nestedDer(8000) },
  { name: "a 64 KiB Buffer", input: Buffer.alloc(MAX_PEM_LENGTH, 0x30) },
];

/** Fastest of `tries` calls of inspectCaCertificate on `input`, ms; the outcome (result or error) is ignored. */
function fastestCallMs(inspect: (input: unknown) => unknown, input: unknown, tries: number): number {
  let fastest = Infinity;
  for (let i = 0; i < tries; i++) {
    const started = performance.now();
    try {
      inspect(input);
    } catch {
      // rejected: the expected outcome
    }
    fastest = Math.min(fastest, performance.now() - started);
  }
  return fastest;
}

/**
 * The slowest input (by its fastest call) and its time.
 * @param inspect the validator measured (bench/library.ts)
 */
export function worstSingleCall(
  inspect: (input: unknown) => unknown,
  inputs: readonly AdversarialInput[] = ADVERSARIAL_INPUTS,
  tries = 5,
): { ms: number; name: string } {
  let worst = { ms: -1, name: "" };
  for (const { name, input } of inputs) {
    const ms = fastestCallMs(inspect, input, tries);
    if (ms > worst.ms) worst = { ms, name };
  }
  return worst;
}
