/**
 * The apps of part 2: N CA certificates in one stack, either through the
 * `CaCertificate` construct or as bare `SlbCaCertificate` resources with the
 * same PEMs (cycling the pool), names and tags.
 */
import * as fs from "fs";
import * as path from "path";
import { App, TerraformStack } from "cdktf";
// The app's own bindings, as a user's project has them (`cdktf get`, run through tsx); the construct comes
// from the library the bench measures (bench/library.ts), as a user's app loads the installed package.
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { SlbCaCertificate } from "../.gen/providers/alicloud/slb-ca-certificate";
import { addByHand, addOutputs, factsOf } from "./by-hand";
import { libraryModule } from "./library";

type CaCertificateClass = (typeof import("../constructs"))["CaCertificate"];
let loaded: CaCertificateClass | undefined;

/** Loads the construct (once): call it before any clock starts. */
export function loadCaCertificate(): CaCertificateClass {
  loaded ??= libraryModule<typeof import("../constructs")>("constructs").CaCertificate;
  return loaded;
}

/**
 * - `construct`: `new CaCertificate(...)` with the defaults (outputs on).
 * - `bare`: `new SlbCaCertificate(...)` with what the construct puts in its resource
 *   (PEM, name, tags, `lifecycle.createBeforeDestroy`), no validation, no outputs.
 * - `construct-no-outputs`: the construct with `outputs: false`, to split its cost (information only).
 * - `bare-outputs`: the bare resource plus the four outputs the construct adds, with the same
 *   values, descriptions and logical IDs (fingerprints computed before the clock starts):
 *   what the outputs cost in cdktf itself, without the construct (information only).
 * - `by-hand`: what a user would write for the same Terraform without the construct (bench/by-hand.ts):
 *   a raw `X509Certificate` parse of each PEM (inside the clock, as in the user's program), the
 *   resource with the suffixed name, the four outputs and the orphan check.
 */
export type SynthKind = "construct" | "bare" | "by-hand" | "construct-no-outputs" | "bare-outputs";
export const SYNTH_KINDS: readonly SynthKind[] = ["bare", "construct", "by-hand", "construct-no-outputs", "bare-outputs"];

/** Name and tags of the i-th certificate: the same for every kind. */
export function certificateProps(i: number): { caCertificateName: string; tags: Record<string, string> } {
  return {
    caCertificateName: `bench-client-ca-${i}`,
    tags: { owner: "platform-team", purpose: "mtls-client-ca", index: String(i) },
  };
}

/** What `bare-outputs` puts in its outputs; computed before the clock starts. */
type PoolFacts = ReturnType<typeof factsOf>;

/** The facts `bare-outputs` needs, for each PEM of the pool (not timed: the construct's equivalent is its validation). */
export function poolFacts(pems: readonly string[]): PoolFacts[] {
  return pems.map(factsOf);
}

/**
 * Declares the N certificates in a new app; returns the app, not yet synthesized.
 * @param facts only for `bare-outputs`: {@link poolFacts} of `pems`
 */
export function buildApp(kind: SynthKind, n: number, pems: readonly string[], outdir: string, facts: readonly PoolFacts[] = []): App {
  const CaCertificate = loadCaCertificate();
  const app = new App({ outdir });
  const stack = new TerraformStack(app, "bench");
  new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
  for (let i = 0; i < n; i++) {
    const pem = pems[i % pems.length];
    const { caCertificateName, tags } = certificateProps(i);
    if (kind === "by-hand") {
      addByHand(stack, i, pem, caCertificateName, tags);
    } else if (kind === "bare" || kind === "bare-outputs") {
      const resource = new SlbCaCertificate(stack, `Ca${i}`, { caCertificate: pem, caCertificateName, tags, lifecycle: { createBeforeDestroy: true } });
      if (kind === "bare-outputs") {
        addOutputs(stack, i, `${stack.node.path}/Ca${i}`, resource.id, facts[i % pems.length]);
      }
    } else {
      new CaCertificate(stack, `Ca${i}`, { caCertificate: pem, caCertificateName, tags, outputs: kind === "construct" });
    }
  }
  return app;
}

export interface SynthMeasurement {
  readonly kind: SynthKind;
  readonly n: number;
  /** Construct creation (the loop of `buildApp`). */
  readonly createMs: number;
  /** `app.synth()`. */
  readonly synthMs: number;
  /** createMs + synthMs: the measured figure. */
  readonly totalMs: number;
  /** Process CPU time (user + system, all threads) over the same window: less sensitive to other load. */
  readonly cpuMs: number;
  /**
   * Peak RSS of this process, KiB: `VmHWM` of /proc/self/status on Linux. Not
   * `process.resourceUsage().maxRSS` there: Linux carries ru_maxrss across
   * fork + exec, so a child reports at least its parent's RSS at spawn time
   * (the bench's own process, some 250 MB after part 1). Elsewhere, maxRSS.
   */
  readonly maxRssKiB: number;
  /** `process.resourceUsage().maxRSS`, KiB, for comparison (see maxRssKiB). */
  readonly ruMaxRssKiB: number;
  /** RSS after the imports, before any construct: the process's floor. */
  readonly baselineRssKiB: number;
  /** What landed in cdk.tf.json, to check that both kinds did the work. */
  readonly resources: number;
  readonly outputs: number;
  readonly synthBytes: number;
}

/** The process's own peak RSS in KiB (Linux `VmHWM`), or undefined where /proc is missing. */
export function peakRssKiB(): number | undefined {
  try {
    const match = /^VmHWM:\s*(\d+) kB$/m.exec(fs.readFileSync("/proc/self/status", "utf8"));
    return match ? Number(match[1]) : undefined;
  } catch {
    return undefined;
  }
}

/** Builds and synthesizes one app, timing both phases. Runs in the calling process. */
export function measureSynth(kind: SynthKind, n: number, pems: readonly string[], outdir: string): SynthMeasurement {
  const facts = kind === "bare-outputs" ? poolFacts(pems) : [];
  loadCaCertificate();
  const baselineRssKiB = Math.round(process.memoryUsage().rss / 1024);
  const cpu0 = process.cpuUsage();
  const t0 = performance.now();
  const app = buildApp(kind, n, pems, outdir, facts);
  const t1 = performance.now();
  app.synth();
  const t2 = performance.now();
  const cpu = process.cpuUsage(cpu0);
  const hwmKiB = peakRssKiB();
  const ruMaxRssKiB = process.resourceUsage().maxRSS;
  const maxRssKiB = hwmKiB ?? ruMaxRssKiB;

  const file = path.join(outdir, "stacks", "bench", "cdk.tf.json");
  const text = fs.readFileSync(file, "utf8");
  const json = JSON.parse(text) as { resource?: Record<string, Record<string, unknown>>; output?: Record<string, unknown> };
  const resources = Object.keys(json.resource?.alicloud_slb_ca_certificate ?? {}).length;
  const outputs = Object.keys(json.output ?? {}).length;
  return {
    kind,
    n,
    createMs: t1 - t0,
    synthMs: t2 - t1,
    totalMs: t2 - t0,
    cpuMs: (cpu.user + cpu.system) / 1000,
    maxRssKiB,
    ruMaxRssKiB,
    baselineRssKiB,
    resources,
    outputs,
    synthBytes: text.length,
  };
}
