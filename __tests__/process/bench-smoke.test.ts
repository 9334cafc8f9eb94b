/**
 * Smoke test of the benchmark (bench/): runs every code path at N = 10 on a
 * pool of three certificates, one repetition, so that the bench cannot rot.
 * No timing assertions: CI machines are too noisy, and the full bench
 * (`npm run bench`) is not run in CI.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { BenchResults, buildApp, defaultAppCommands, formatReport, measureSynth, readPoolFile, runBench, SMOKE_POOL, SynthMeasurement } from "../../bench/run";

describe("bench smoke (N = 10)", () => {
  // The sources, through tsx (the synth children inherit it): the smoke test must not rebuild dist/, which the full bench measures.
  const library = process.env.BENCH_LIBRARY;
  beforeAll(() => void (process.env.BENCH_LIBRARY = "source"));
  afterAll(() => (library === undefined ? delete process.env.BENCH_LIBRARY : (process.env.BENCH_LIBRARY = library)));

  let resultsDir: string;
  let results: BenchResults;
  let inProcess: SynthMeasurement[];
  let byKind: Record<string, { check: Record<string, { assert: { error_message: string }[] }> }>;

  beforeAll(async () => {
    resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-bench-smoke-"));
    results = await runBench({
      pool: SMOKE_POOL,
      validation: { repetitions: 1, sampleMs: 1 },
      // Child processes cost a second each: the compared kinds only; the information-only kinds run in-process below.
      synth: { ns: [10], kinds: ["bare", "construct", "by-hand"], repetitions: {}, defaultRepetitions: 1, slowSampleMs: 60_000, childTimeoutMs: 60_000 },
      // The project's app command against a trivial second command: the ts-node template default takes seconds.
      app: {
        commands: [defaultAppCommands()[0], { name: "node -e 0", command: "node -e 0", writesOutdir: false }],
        repetitions: 1,
        warmup: false,
      },
      // Part 4a at sizes that take no time; part 4b (terraform) is __tests__/e2e/local-deploy-bench.test.ts.
      localCloud: { sizes: [0, 20], rounds: 2, callsPerBatch: 2, coldRepetitions: 1 },
      resultsDir,
      // Keep the pool: the in-process runs below read it.
      keepPool: true,
    });
    const pems = readPoolFile(results.pool.file!);
    inProcess = (["construct-no-outputs", "bare-outputs"] as const).map((kind) =>
      measureSynth(kind, 10, pems, fs.mkdtempSync(path.join(resultsDir, `${kind}-`))),
    );
    byKind = Object.fromEntries(
      (["construct", "by-hand"] as const).map((kind) => {
        const outdir = fs.mkdtempSync(path.join(resultsDir, `${kind}-json-`));
        buildApp(kind, 3, pems, outdir).synth();
        return [kind, JSON.parse(fs.readFileSync(path.join(outdir, "stacks", "bench", "cdk.tf.json"), "utf8"))];
      }),
    );
    fs.rmSync(path.dirname(results.pool.file!), { recursive: true, force: true });
  }, 60_000);

  afterAll(() => {
    fs.rmSync(resultsDir, { recursive: true, force: true });
  });

  test("validation compares both sides on the whole pool", () => {
    const v = results.validation!;
    expect(v.poolSize).toBe(SMOKE_POOL.rsa2048Roots + SMOKE_POOL.rsa4096Roots + SMOKE_POOL.intermediates);
    expect(v.validatePerSecond).toBeGreaterThan(0);
    expect(v.rawPerSecond).toBeGreaterThan(0);
    expect(v.ratio).toBeGreaterThan(0);
    expect(Object.keys(v.breakdownUs)).toContain("x509.verify(x509.publicKey), self-signed ones");
  });

  test("synth measures construct and bare in child processes and compares them", () => {
    const s = results.synth!;
    expect(s.cells.map((c) => c.kind).sort()).toEqual(["bare", "by-hand", "construct"]);
    for (const c of s.cells) {
      expect(c.n).toBe(10);
      expect(c.samples[0].resources).toBe(10);
      expect(c.maxRssMiB).toBeGreaterThan(0);
      // The child's own peak, not the parent's RSS that ru_maxrss carries across fork + exec
      // (1 MiB of slack: Linux keeps RSS counters per CPU and folds them in lazily).
      expect(c.samples[0].maxRssKiB).toBeLessThanOrEqual(c.samples[0].ruMaxRssKiB + 1024);
    }
    expect(s.cells.find((c) => c.kind === "construct")!.samples[0].outputs).toBe(40);
    // By hand: the resource plus the same four outputs, from a raw parse (and the orphan check).
    expect(s.cells.find((c) => c.kind === "by-hand")!.samples[0].outputs).toBe(40);
    expect(s.comparisons.map((c) => c.baseline)).toEqual(["bare", "by-hand"]);
    for (const c of s.comparisons) expect(c.ratio).toBeGreaterThan(0);
  });

  test("by hand writes the construct's Terraform: the same JSON but for the orphan check's message text", () => {
    const withoutMessages = (json: (typeof byKind)[string]) => {
      const copy = structuredClone(json);
      for (const check of Object.values(copy.check)) for (const a of check.assert) a.error_message = "(message)";
      return copy;
    };
    expect(Object.keys(byKind["by-hand"].check)).toHaveLength(3);
    expect(withoutMessages(byKind["by-hand"])).toEqual(withoutMessages(byKind.construct));
  });

  test("the information-only kinds build what they claim", () => {
    const [noOutputs, bareOutputs] = inProcess;
    expect(noOutputs).toMatchObject({ kind: "construct-no-outputs", resources: 10, outputs: 0 });
    expect(bareOutputs).toMatchObject({ kind: "bare-outputs", resources: 10, outputs: 40 });
  });

  test("the app command runs with CDKTF_OUTDIR and is compared", () => {
    const a = results.app!;
    expect(a.commands[0].command).toBe(JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "cdktf.json"), "utf8")).app);
    expect(a.commands[0].medianMs).toBeGreaterThan(0);
    expect(a.ratio).toBeGreaterThan(0);
  });

  test("the local cloud's per-call cost is measured for each account size, against the empty account", () => {
    const cells = results.localCloud!.cells;
    expect(cells.map((c) => c.certificates)).toEqual([0, 20]);
    for (const c of cells) {
      expect(c.readMs).toBeGreaterThan(0);
      expect(c.writeMs).toBeGreaterThan(0);
      expect(c.firstCallMs).toBeGreaterThan(0);
      expect(c.fileBytes).toBeGreaterThan(0);
    }
    expect([cells[0].readRatio, cells[0].writeRatio]).toEqual([1, 1]);
    expect(formatReport(results)).toContain("4. Local cloud: one call (a whole withAccount) by account size");
    // N = 20 measures neither 1,000-certificate target.
    expect(results.targets.find((t) => t.name === "local cloud read call, 1,000 certificates / empty account")!.met).toBeUndefined();
  });

  test("writes latest.json and the SVG chart, and formats the report", () => {
    const json = JSON.parse(fs.readFileSync(path.join(resultsDir, "latest.json"), "utf8")) as BenchResults;
    expect(json.targets.map((t) => t.name)).toEqual(results.targets.map((t) => t.name));
    const svg = fs.readFileSync(path.join(resultsDir, "synth-scaling.svg"), "utf8");
    expect(svg).toMatch(/^<svg [^>]*xmlns="http:\/\/www.w3.org\/2000\/svg"/);
    expect(svg).toContain("</svg>");
    const report = formatReport(results);
    expect(report).toContain("Targets (ratios first)");
    expect(report).toContain("by hand (raw parse, outputs, orphan check)");
    // The two ratios issue 11 asks for are targets, printed first.
    expect(results.targets.map((t) => t.name)).toEqual(
      expect.arrayContaining(["validation time / raw parse with both fingerprints", "synth construct / by hand at N=1,000"]),
    );
    expect(results.validation!.worstSingleCallMs).toBeGreaterThan(0);
    expect(report).toContain("Worst single call over");
    // N = 10 measures none of the targets at N = 1,000 and 5,000.
    expect(results.targets.find((t) => t.name.startsWith("peak RSS"))!.met).toBeUndefined();
  });
});
