/** The bench's outputs: the printed tables, latest.json and the SVG chart. */
import type { LibrarySource } from "./library";
import type { AppBenchResult } from "./app-command";
import { formatLocalCloud, type LocalCloudResult } from "./local-cloud";
import type { LocalDeployResult, TerraformControlResult } from "./local-deploy";
import { fmt, table, thousands } from "./stats";
import type { SynthCell, SynthResult } from "./synth";
import type { SynthKind } from "./synth-app";
import type { ValidationResult } from "./validation";

export interface Machine {
  readonly cpu: string;
  readonly cores: number;
  readonly node: string;
  readonly openssl: string;
  readonly platform: string;
  readonly memoryGB: number;
  /** 1-minute load average when the bench started: other work on the machine skews every figure. */
  readonly loadAverageAtStart: number;
}

export interface Target {
  readonly name: string;
  /** The measured value, or undefined when this run did not measure it (e.g. the smoke test's N). */
  readonly value?: number;
  readonly limit: number;
  readonly comparison: "<=" | "<";
  readonly unit: string;
  readonly met?: boolean;
}

export interface BenchResults {
  readonly startedAt: string;
  /** What was measured: the compiled package (dist/, the default) or the TypeScript sources through tsx. */
  readonly library: LibrarySource;
  readonly durationMs: number;
  readonly machine: Machine;
  readonly pool: {
    readonly size: number;
    readonly kinds: Record<string, number>;
    readonly generationMs: number;
    /** The pool's pool.json; removed after the run unless `keepPool` was set. */
    readonly file?: string;
  };
  readonly validation?: ValidationResult;
  readonly synth?: SynthResult;
  readonly app?: AppBenchResult;
  readonly localCloud?: LocalCloudResult;
  readonly localDeploy?: LocalDeployResult;
  readonly terraformControl?: TerraformControlResult;
  readonly targets: Target[];
}

/** 10^6 bytes, as in "300 MB". */
export function mb(mib: number): number {
  return (mib * 1024 * 1024) / 1e6;
}

function target(name: string, value: number | undefined, comparison: "<=" | "<", limit: number, unit: string): Target {
  const met = value === undefined || !Number.isFinite(value) ? undefined : comparison === "<=" ? value <= limit : value < limit;
  return { name, value, limit, comparison, unit, met };
}

function findCell(synth: SynthResult | undefined, kind: SynthKind, n: number): SynthCell | undefined {
  return synth?.cells.find((c) => c.kind === kind && c.n === n);
}

/** The targets of issues 6, 11, 19 and 22, evaluated on the results (undefined where not measured). */
export function evaluateTargets(
  validation?: ValidationResult,
  synth?: SynthResult,
  app?: AppBenchResult,
  localCloud?: LocalCloudResult,
  localDeploy?: LocalDeployResult,
): Target[] {
  const cloud1000 = localCloud?.cells.find((c) => c.certificates === 1000);
  const c1000 = findCell(synth, "construct", 1000);
  const c5000 = findCell(synth, "construct", 5000);
  const compared = (baseline: "bare" | "by-hand", n: number) => synth?.comparisons.find((c) => c.baseline === baseline && c.n === n);
  const own = (n: number) => compared("bare", n)?.ownPerCertificateMs;
  const own1000 = own(1000);
  const own5000 = own(5000);
  return [
    // Issue 19's two ratios, on the compiled package (bench/library.ts).
    target("validation time / raw parse with both fingerprints", validation?.ratio, "<=", 1.25, "×"),
    target("synth construct / by hand at N=1,000", compared("by-hand", 1000)?.ratio, "<=", 1.25, "×"),
    target("worst single validation call, adversarial inputs (fastest of 5 each)", validation?.worstSingleCallMs, "<=", 100, "ms"),
    target(
      "per-certificate synth cost N=5,000 / N=1,000 (construct)",
      c1000 && c5000 ? c5000.perCertificateMs / c1000.perCertificateMs : undefined,
      "<=",
      1.2,
      "×",
    ),
    target(
      "construct's own per-certificate cost (construct − bare) N=5,000 / N=1,000",
      own1000 !== undefined && own5000 !== undefined ? own5000 / own1000 : undefined,
      "<=",
      1.2,
      "×",
    ),
    target("peak RSS, construct at N=5,000", c5000 ? mb(c5000.maxRssMiB) : undefined, "<", 300, "MB"),
    target("app command / template default (npx ts-node)", app?.ratio, "<=", 0.6, "×"),
    target("local cloud read call, 1,000 certificates / empty account", cloud1000?.readRatio, "<=", 2, "×"),
    target("local cloud write call, 1,000 certificates / empty account", cloud1000?.writeRatio, "<=", 2, "×"),
    target(
      "provider process's CPU per resource, last / first tenth of a large deploy",
      localDeploy ? localDeploy.endProviderCpuMs / localDeploy.startProviderCpuMs : undefined,
      "<=",
      1.5,
      "×",
    ),
  ];
}

function showTarget(t: Target): string[] {
  const value = t.value === undefined ? "not measured" : `${fmt(t.value)}${t.unit === "×" ? "×" : ` ${t.unit}`}`;
  const verdict = t.met === undefined ? "n/a" : t.met ? "MET" : `MISSED (${fmt(t.value! / t.limit)}× the limit)`;
  return [t.name, value, `${t.comparison} ${t.limit}${t.unit === "×" ? "×" : ` ${t.unit}`}`, verdict];
}

/** The whole report as printed (and pasted into bench/README.md). */
export function formatReport(r: BenchResults): string {
  const out: string[] = [];
  const m = r.machine;
  out.push(
    `Machine: ${m.cpu}, ${m.cores} cores, ${m.memoryGB} GB, ${m.platform}, Node ${m.node}, ${m.openssl}; load average at start ${m.loadAverageAtStart.toFixed(2)}`,
  );
  out.push(
    `Pool: ${r.pool.size} certificates (${Object.entries(r.pool.kinds)
      .map(([k, v]) => `${v} ${k}`)
      .join(", ")}), made in ${fmt(r.pool.generationMs / 1000)} s`,
  );
  out.push(
    r.library === "dist"
      ? "Library: the compiled package (dist/, built by the bench), loaded before any clock starts"
      : "Library: the TypeScript sources through tsx (BENCH_LIBRARY=source): not the figures of record",
  );
  out.push("");
  out.push("Targets (ratios first)");
  out.push(table([["target", "measured", "limit", "verdict"], ...r.targets.map(showTarget)]));

  if (r.validation) {
    const v = r.validation;
    out.push("");
    out.push(`1. Validation: ${v.poolSize} certificates, ${v.repetitions} interleaved repetitions, medians`);
    out.push(
      table([
        ["side", "certs/s", "µs/cert"],
        ["inspectCaCertificate(pem)", thousands(v.validatePerSecond), fmt(1e6 / v.validatePerSecond)],
        ["new X509Certificate(pem) + .fingerprint + .fingerprint256", thousands(v.rawPerSecond), fmt(1e6 / v.rawPerSecond)],
        ["ratio (time per certificate)", `${fmt(v.ratio)}×`, ""],
        ["ratio on CPU time", `${fmt(v.cpuRatio)}×`, ""],
        ["ratio of the fastest samples (noise floor)", `${fmt(v.bestRatio)}×`, ""],
      ]),
    );
    out.push("");
    out.push(`   Worst single call over ${v.adversarialInputs} adversarial inputs (fastest of 5 each): ${fmt(v.worstSingleCallMs)} ms, ${v.worstInput}`);
    out.push("");
    out.push("   Where the validator's time goes (each step alone, µs per certificate):");
    out.push(table([["step", "µs/cert"], ...Object.entries(v.breakdownUs).map(([k, us]) => [k, fmt(us)])]));
  }

  if (r.synth) {
    const s = r.synth;
    out.push("");
    out.push("2. Synth: construct creation + app.synth(), fresh process per sample, medians");
    out.push(
      table([
        ["construct / baseline", "N", "ratio", "ratio (CPU time)", "own cost (construct − baseline)", "pairs"],
        ...s.comparisons.map((c) => [
          c.baseline === "by-hand" ? "by hand (raw parse, outputs, orphan check)" : "bare resources",
          thousands(c.n),
          `${fmt(c.ratio)}×`,
          `${fmt(c.cpuRatio)}×`,
          `${fmt(c.ownPerCertificateMs)} ms/cert`,
          String(c.pairs),
        ]),
      ]),
    );
    out.push("");
    out.push(
      table([
        ["kind", "N", "wall ms", "ms/cert", "create ms", "synth ms", "CPU ms", "peak RSS MB", "samples"],
        ...s.cells.map((c) => [
          c.kind,
          thousands(c.n),
          thousands(c.totalMs),
          fmt(c.perCertificateMs),
          thousands(c.createMs),
          thousands(c.synthMs),
          thousands(c.cpuMs),
          thousands(mb(c.maxRssMiB)),
          `${c.samples.length}${c.budgetLimited ? " (budget)" : ""}`,
        ]),
      ]),
    );
  }

  if (r.app) {
    const a = r.app;
    out.push("");
    out.push(`3. App command (main.ts), wall time spawn to exit, up to ${a.repetitions} interleaved repetitions, medians`);
    const base = a.commands[1]?.medianMs;
    out.push(
      table([
        ["command", "median ms", "vs template default", "samples ms"],
        ...a.commands.map((c) => [
          `${c.name}: ${
            c.env
              ? `${Object.entries(c.env)
                  .map(([k, v]) => `${k}=${v} `)
                  .join("")}`
              : ""
          }${c.command}`,
          thousands(c.medianMs),
          base ? `${fmt(c.medianMs / base)}×` : "",
          c.samplesMs.map((x) => x.toFixed(0)).join(" "),
        ]),
      ]),
    );
    if (a.ratio !== undefined) out.push(`   paired ratio, project app command / template default: ${fmt(a.ratio)}×`);
  }
  if (r.localCloud || r.localDeploy) {
    out.push("");
    out.push(...formatLocalCloud(r.localCloud, r.localDeploy, r.terraformControl));
  }
  out.push("");
  out.push(`Total bench time ${fmt(r.durationMs / 1000)} s.`);
  return out.join("\n");
}

const KIND_STYLE: Record<SynthKind, { colour: string; dash: string; label: string }> = {
  bare: { colour: "#1f77b4", dash: "", label: "bare SlbCaCertificate" },
  construct: { colour: "#d62728", dash: "", label: "CaCertificate (outputs on)" },
  "construct-no-outputs": { colour: "#ff9896", dash: "6 4", label: "CaCertificate, outputs: false" },
  "bare-outputs": { colour: "#aec7e8", dash: "6 4", label: "bare + the 4 outputs" },
  "by-hand": { colour: "#9467bd", dash: "3 3", label: "by hand: raw parse, the 4 outputs, the orphan check" },
};

function escapeXml(text: string): string {
  return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
}

/** Powers of ten (and 2×, 5×) between lo and hi, for log-axis ticks. */
function logTicks(lo: number, hi: number): number[] {
  const ticks: number[] = [];
  for (let e = Math.floor(Math.log10(lo)); e <= Math.ceil(Math.log10(hi)); e++) {
    for (const m of [1, 2, 5]) {
      const v = m * 10 ** e;
      if (v >= lo * 0.999 && v <= hi * 1.001) ticks.push(v);
    }
  }
  return ticks;
}

/**
 * Two log-log panels: wall time against N, and per-certificate cost against N
 * (flat = linear), one line per kind, medians; the construct's own cost
 * (construct − bare) dotted on the right.
 */
export function synthSvg(s: SynthResult): string {
  const width = 960;
  const height = 420;
  const panelW = 380;
  const panelH = 300;
  const top = 50;
  const lefts = [70, 540];
  const ns = [...new Set(s.cells.map((c) => c.n))].sort((a, b) => a - b);
  const kinds = [...new Set(s.cells.map((c) => c.kind))];
  const parts: string[] = [];
  parts.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="12">`,
  );
  parts.push(`<rect width="${width}" height="${height}" fill="white"/>`);
  parts.push(
    `<text x="${width / 2}" y="22" text-anchor="middle" font-size="15">Synth time against N: CaCertificate vs bare SlbCaCertificate (medians, log-log)</text>`,
  );

  const own = s.comparisons.filter((c) => c.baseline === "bare").map((c) => ({ n: c.n, v: c.ownPerCertificateMs }));
  const panels: { title: string; value: (c: SynthCell) => number; unit: string; extra?: { n: number; v: number }[] }[] = [
    { title: "wall time (ms): construct creation + app.synth()", value: (c) => c.totalMs, unit: "ms" },
    { title: "per certificate (ms); flat = linear", value: (c) => c.perCertificateMs, unit: "ms/cert", extra: own },
  ];
  panels.forEach((panel, p) => {
    const left = lefts[p];
    const values = [...s.cells.map(panel.value), ...(panel.extra ?? []).map((e) => e.v)].filter((v) => v > 0);
    if (values.length === 0 || ns.length === 0) return;
    const yLo = 10 ** Math.floor(Math.log10(Math.min(...values)));
    const yHi = 10 ** Math.ceil(Math.log10(Math.max(...values)));
    const xLo = ns[0];
    const xHi = ns[ns.length - 1] === xLo ? xLo * 10 : ns[ns.length - 1];
    const x = (n: number) => left + ((Math.log10(n) - Math.log10(xLo)) / (Math.log10(xHi) - Math.log10(xLo))) * panelW;
    const y = (v: number) => top + panelH - ((Math.log10(v) - Math.log10(yLo)) / (Math.log10(yHi) - Math.log10(yLo))) * panelH;
    parts.push(`<text x="${left + panelW / 2}" y="${top - 10}" text-anchor="middle">${escapeXml(panel.title)}</text>`);
    parts.push(`<rect x="${left}" y="${top}" width="${panelW}" height="${panelH}" fill="none" stroke="#333"/>`);
    for (const t of logTicks(yLo, yHi)) {
      parts.push(`<line x1="${left}" x2="${left + panelW}" y1="${y(t).toFixed(1)}" y2="${y(t).toFixed(1)}" stroke="#ddd"/>`);
      parts.push(`<text x="${left - 5}" y="${(y(t) + 4).toFixed(1)}" text-anchor="end">${fmt(t)}</text>`);
    }
    for (const n of ns) {
      parts.push(`<line x1="${x(n).toFixed(1)}" x2="${x(n).toFixed(1)}" y1="${top}" y2="${top + panelH}" stroke="#ddd"/>`);
      parts.push(`<text x="${x(n).toFixed(1)}" y="${top + panelH + 16}" text-anchor="middle">N=${thousands(n)}</text>`);
    }
    const line = (points: { n: number; v: number }[], colour: string, dash: string) => {
      const d = points.map((pt, i) => `${i === 0 ? "M" : "L"}${x(pt.n).toFixed(1)},${y(pt.v).toFixed(1)}`).join(" ");
      parts.push(`<path d="${d}" fill="none" stroke="${colour}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/>`);
      for (const pt of points) parts.push(`<circle cx="${x(pt.n).toFixed(1)}" cy="${y(pt.v).toFixed(1)}" r="3" fill="${colour}"/>`);
    };
    for (const kind of kinds) {
      const points = s.cells.filter((c) => c.kind === kind && panel.value(c) > 0).map((c) => ({ n: c.n, v: panel.value(c) }));
      line(points, KIND_STYLE[kind].colour, KIND_STYLE[kind].dash);
    }
    if (panel.extra && panel.extra.some((e) => e.v > 0))
      line(
        panel.extra.filter((e) => e.v > 0),
        "#2ca02c",
        "2 3",
      );
  });
  const legend = [...kinds.map((k) => KIND_STYLE[k]), { colour: "#2ca02c", dash: "2 3", label: "construct − bare, per certificate (right)" }];
  legend.forEach((l, i) => {
    const lx = 70 + (i % 3) * 300;
    const ly = top + panelH + 40 + Math.floor(i / 3) * 18;
    parts.push(
      `<line x1="${lx}" x2="${lx + 30}" y1="${ly}" y2="${ly}" stroke="${l.colour}" stroke-width="2"${l.dash ? ` stroke-dasharray="${l.dash}"` : ""}/>`,
    );
    parts.push(`<text x="${lx + 36}" y="${ly + 4}">${escapeXml(l.label)}</text>`);
  });
  parts.push("</svg>");
  return parts.join("\n") + "\n";
}
