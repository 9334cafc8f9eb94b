/**
 * Time as the provider spends it: its waits are real by default (3 s, 5 s, …,
 * up to the timeouts), so a local deploy takes as long to retry as a real one.
 * SLB_EMULATOR_WAIT_SCALE (a number above 0, at most 1) multiplies every wait
 * and every timeout alike, so tests keep the same number of attempts and
 * finish fast (the e2e harness sets 0.01).
 */
import { EmulatorConfigError } from "../config-error";

/** The factor SLB_EMULATOR_WAIT_SCALE sets; 1 when unset. */
export function waitScale(env: NodeJS.ProcessEnv = process.env): number {
  const text = env.SLB_EMULATOR_WAIT_SCALE;
  if (text === undefined || text === "") return 1;
  const scale = Number(text);
  if (!/^\d*\.?\d+(e-?\d+)?$/i.test(text.trim()) || !(scale > 0 && scale <= 1)) {
    throw new EmulatorConfigError(`SLB_EMULATOR_WAIT_SCALE ${JSON.stringify(text)} is not a number above 0 and at most 1 (e.g. 0.01 makes a 3 s wait 30 ms).`);
  }
  return scale;
}

/** `ms` of the provider's time, in real milliseconds. */
export function scaled(ms: number): number {
  return ms * waitScale();
}

/** Sleeps `ms` of the provider's time. */
export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, scaled(ms)));
}

const UNIT_MS: Readonly<Record<string, number>> = { ns: 1e-6, us: 1e-3, µs: 1e-3, ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/** A Go duration ("5m", "1h30m", "90s") in ms, as a `timeouts` block gives it; undefined when it is not one. */
export function goDuration(text: string | undefined): number | undefined {
  if (!text) return undefined;
  const parts = [...text.matchAll(/(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/g)];
  if (parts.length === 0 || parts.map((p) => p[0]).join("") !== text) return undefined;
  return parts.reduce((sum, p) => sum + Number(p[1]) * UNIT_MS[p[2]], 0);
}
