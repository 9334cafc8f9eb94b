/**
 * Careless configuration through the real entry point (the app command from
 * cdktf.json, and once the cdktf CLI): each row of issue 15's table gives one
 * line naming the input, exit code 1, and an unchanged cdktf.out.
 *
 * No wall-clock bounds: a run that hangs (as /dev/zero, a FIFO or a
 * backtracking namePattern did, for a minute or more) is killed by spawnSync's
 * generous timeout and fails the test.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { snapshot } from "../support/directory-snapshot";

const ROOT = path.join(__dirname, "..", "..");
const APP_COMMAND: string = JSON.parse(fs.readFileSync(path.join(ROOT, "cdktf.json"), "utf8")).app;
const HANG_LIMIT_MS = 30_000;
const KNOWN =
  "known keys: requiredTags, allowedTagValues, allowedRegions, allowedResourceGroupIds, namePattern, minValidityDays, warnValidityDays, requireRsa4096, unresolvedPem";
const SAVE_IT = "not a regular file: save the certificate in PEM to a file and give its path.";

let work: string;
let outdir: string;
let before: Record<string, string>;

/** Runs the example app as cdktf does: in the project, with CDKTF_OUTDIR set; killed if it hangs. */
function runApp(env: NodeJS.ProcessEnv, out = outdir) {
  const result = spawnSync(APP_COMMAND, {
    shell: true,
    cwd: ROOT,
    encoding: "utf8",
    timeout: HANG_LIMIT_MS,
    env: { ...process.env, CHECKPOINT_DISABLE: "1", SOURCE_DATE_EPOCH: "1780000000", CDKTF_OUTDIR: out, ...env },
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr };
}

function file(name: string, content: string | Buffer): string {
  const target = path.join(work, name);
  fs.writeFileSync(target, content);
  return target;
}

/** The run failed with exactly these lines on stderr, nothing on stdout, and left cdktf.out as it was. */
function expectRefused(run: ReturnType<typeof runApp>, ...lines: string[]): void {
  expect(run.stderr).toBe(`${lines.join("\n")}\n`);
  expect(run.stdout).toBe("");
  expect(run.status).toBe(1);
  expect(snapshot(outdir)).toEqual(before);
}

beforeAll(() => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), "careless-config-"));
  outdir = path.join(work, "cdktf.out");
  // A good synth first: every refused run below must leave it byte for byte.
  expect(runApp({}).status).toBe(0);
  before = snapshot(outdir);
  expect(Object.keys(before)).toContain("stacks/pki/cdk.tf.json");
});
afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

describe("policy files", () => {
  it.each([
    ["__proto__", '{"__proto__": {"requiredTags": ["x"]}}'],
    ["hasOwnProperty", '{"hasOwnProperty": 1}'],
    ["valueOf", '{"valueOf": []}'],
    ["constructor", '{"constructor": {"name": "x"}}'],
  ])("%s: one line naming the key", (key, json) => {
    const policy = file(`${key}.json`, json);
    expectRefused(runApp({ CA_POLICY_FILE: policy }), `${policy}: invalid CA certificate policy: unknown key "${key}"; ${KNOWN}`);
  });

  it("a policy saved with a UTF-8 byte-order mark is read as without one", () => {
    const example = fs.readFileSync(path.join(ROOT, "policy", "example-policy.json"));
    const policy = file("bom.json", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), example]));
    const out = path.join(work, "bom.out");
    const run = runApp({ CA_POLICY_FILE: policy }, out);
    expect(run.stderr).toBe("");
    expect(run.status).toBe(0);
    expect(snapshot(out)).toEqual(before);
  });

  it("a namePattern that backtracks exponentially in JavaScript runs in linear time (RE2), and the violation is reported", () => {
    // Four ways to match each character: a backtracking engine tries 4^17 paths on "example-client-ca"
    // before failing at "!" (about 80 s here); RE2 answers at once.
    const pattern = "^([a-z-]|[a-z-]|[a-z-]|[a-z-])*!$";
    const run = runApp({ CA_POLICY_FILE: file("redos.json", JSON.stringify({ namePattern: pattern })) });
    expect(run.status).not.toBe(0);
    expect(run.status).not.toBeNull();
    expect(run.stderr).toContain(
      `[pki/ClientCa] Policy.Name: name "example-client-ca" does not match the required pattern ${JSON.stringify(pattern)} (the whole name must match).`,
    );
    expect(run.stderr).not.toMatch(/^\s+at /m);
    expect(snapshot(outdir)).toEqual(before);
  });

  it("a namePattern RE2 cannot run (a backreference): one line saying why", () => {
    const policy = file("backref.json", JSON.stringify({ namePattern: "(ca)-\\1" }));
    expectRefused(
      runApp({ CA_POLICY_FILE: policy }),
      `${policy}: invalid CA certificate policy: namePattern "(ca)-\\\\1" is not a regular expression in RE2 syntax (invalid escape sequence: \`\\1\`); RE2 has no backreferences or lookaround`,
    );
  });
});

describe("certificate files", () => {
  it("CA_CERTIFICATE_FILE=/dev/zero: refused unread", () => {
    expectRefused(runApp({ CA_CERTIFICATE_FILE: "/dev/zero" }), `"/dev/zero" is a character device, ${SAVE_IT}`);
  });

  it("CA_CERTIFICATE_FILE=<a directory>", () => {
    expectRefused(runApp({ CA_CERTIFICATE_FILE: work }), `${JSON.stringify(work)} is a directory, ${SAVE_IT}`);
  });

  it("CA_CERTIFICATE_FILE=<a missing file>", () => {
    const missing = path.join(work, "missing.pem");
    expectRefused(
      runApp({ CA_CERTIFICATE_FILE: missing }),
      `CA_CERTIFICATE_FILE is ${JSON.stringify(missing)}: no such file; point it at an existing file, or unset it for the example.`,
    );
  });

  it("CA_CERTIFICATE_FILE=<a FIFO>: refused without waiting for a writer", () => {
    const fifo = path.join(work, "ca.fifo");
    expect(spawnSync("mkfifo", [fifo]).status).toBe(0);
    expectRefused(
      runApp({ CA_CERTIFICATE_FILE: fifo }),
      `${JSON.stringify(fifo)} is a named pipe (FIFO), left unread because reading it could wait forever, ${SAVE_IT}`,
    );
  });

  it("SERVER_CERTIFICATE_FILE=<a 150 KB binary file>: refused by its size", () => {
    const big = file("big.bin", Buffer.alloc(150_000, 0xa5));
    expectRefused(
      runApp({ SERVER_CERTIFICATE_FILE: big }),
      `${JSON.stringify(big)} is 150000 bytes; the limit is 65536 bytes (64 KiB): check that it holds the certificate in PEM and nothing else.`,
    );
  });
});

it("environment mistakes: all at once, one line each, each naming its variable", () => {
  expectRefused(
    runApp({ ALICLOUD_REGION: "Hangzhou", STATE_OSS_BUCKET: "My_Bucket" }),
    'ALICLOUD_REGION is "Hangzhou": a region ID is lowercase words and digits joined by hyphens, such as cn-hangzhou or ap-southeast-1.',
    'STATE_OSS_BUCKET is "My_Bucket": an OSS bucket name is 3 to 63 characters: lowercase letters, digits and hyphens, starting and ending with a letter or digit.',
  );
});

it("through the cdktf CLI (`npm run synth`): exit non-zero, the one line, no stack trace, cdktf.out unchanged", () => {
  const result = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "synth", "--output", outdir], {
    cwd: ROOT,
    encoding: "utf8",
    timeout: HANG_LIMIT_MS,
    env: { ...process.env, CA_CERTIFICATE_FILE: "/dev/zero" },
  });
  const output = `${result.stdout}${result.stderr}`;
  expect(result.status).not.toBe(0);
  expect(result.status).not.toBeNull();
  expect(output).toContain(`"/dev/zero" is a character device, ${SAVE_IT}`);
  expect(output).not.toMatch(/^\s+at /m);
  expect(snapshot(outdir)).toEqual(before);
});
