/**
 * Terraform runs several provider processes at once against one account file:
 * changes from concurrent processes must all land (lock), and readers never
 * see a half-written file (temporary file plus rename).
 */
import { spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { readAccount, withAccount } from "../../emulator/account-file";

const PROJECT = path.join(__dirname, "..", "..");

function run(script: string, env: NodeJS.ProcessEnv): Promise<number> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", script], { cwd: PROJECT, env: { ...process.env, ...env }, stdio: "inherit" });
    child.on("error", reject);
    child.on("exit", (code) => resolve(code ?? 1));
  });
}

describe("the account file", () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), "slb-account-"));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  test("concurrent processes lose no change, and leave no lock or temporary file behind", async () => {
    const file = path.join(dir, "account.json");
    const worker = path.join(dir, "worker.ts");
    fs.writeFileSync(
      worker,
      `import { withAccount } from ${JSON.stringify(path.join(PROJECT, "emulator", "account-file"))};
for (let i = 0; i < 25; i++) {
  withAccount((account) => { account.faults.counter = (account.faults.counter ?? 0) + 1; }, process.env.ACCOUNT!);
}
`,
    );
    const codes = await Promise.all([1, 2, 3, 4].map(() => run(worker, { ACCOUNT: file })));
    expect(codes).toEqual([0, 0, 0, 0]);
    expect(readAccount(file).faults.counter).toBe(100);
    expect(fs.readdirSync(dir).sort()).toEqual(["account.json", "worker.ts"]);
  });

  test("a change that throws is saved up to the throw, and the lock is released", () => {
    const file = path.join(dir, "account.json");
    expect(() =>
      withAccount((account) => {
        account.faults.seen = 1;
        throw new Error("boom");
      }, file),
    ).toThrow("boom");
    expect(readAccount(file).faults.seen).toBe(1);
    expect(fs.existsSync(`${file}.lock`)).toBe(false);
  });

  test("a missing file is an empty account", () => {
    const account = readAccount(path.join(dir, "none.json"));
    expect([account.caCertificates, account.listeners, account.calls]).toEqual([[], [], []]);
  });
});
