/**
 * SLB_EMULATOR_LAG: an optional eventual-consistency mode. Alibaba's API
 * reference does not promise that a read sees every write at once, so a
 * deploy can be tried against a cloud that is late:
 *
 *   SLB_EMULATOR_LAG=visibility:<ms>,release:<ms>
 *
 * - visibility: a CA certificate uploaded now is missing from
 *   DescribeCACertificates for <ms> (it exists: TagResources, listeners and
 *   DeleteCACertificate find it).
 * - release: a CA certificate a listener stops using (repointed or deleted)
 *   still counts as used by DeleteCACertificate for <ms>.
 *
 * Each part may be left out (0). The delay is fixed when the write happens,
 * by the process that makes it.
 */
import { EmulatorConfigError } from "./config-error";

export interface Lag {
  readonly visibilityMs: number;
  readonly releaseMs: number;
}

const KINDS = ["visibility", "release"] as const;

/** The lags SLB_EMULATOR_LAG asks for; throws EmulatorConfigError naming the variable when it cannot be read. */
export function lag(env: NodeJS.ProcessEnv = process.env): Lag {
  const found: Record<string, number> = { visibility: 0, release: 0 };
  const problems: string[] = [];
  for (const part of (env.SLB_EMULATOR_LAG ?? "")
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const match = /^([a-z]+):(\d{1,9})$/.exec(part);
    if (!match || !(KINDS as readonly string[]).includes(match[1])) problems.push(JSON.stringify(part));
    else found[match[1]] = Number(match[2]);
  }
  if (problems.length > 0) {
    throw new EmulatorConfigError(
      `SLB_EMULATOR_LAG: ${problems.join(", ")} ${problems.length === 1 ? "is" : "are"} not <kind>:<milliseconds>. Give visibility:<ms>,release:<ms> (either may be left out).`,
    );
  }
  return { visibilityMs: found.visibility, releaseMs: found.release };
}
