/**
 * cli/cdktf/private-state.js: which local state files a synthesized app has,
 * and that npm run deploy's helpers make them 600. Through terraform, with the
 * real deploy: __tests__/e2e/example-app-security.test.ts.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { localStateFiles, protectLocalState, withPrivateFiles } = require("../../cli/cdktf/private-state") as {
  localStateFiles(outdir: string): string[];
  protectLocalState(outdir: string): string[];
  withPrivateFiles<T>(run: () => T): T;
};

let outdir: string;
beforeEach(() => {
  outdir = fs.mkdtempSync(path.join(os.tmpdir(), "private-state-"));
  const stacks: Record<string, unknown> = {
    pki: { terraform: { backend: { local: { path: "../../../terraform.pki.tfstate" } } } },
    plain: { terraform: {} },
    shared: { terraform: { backend: { oss: { bucket: "b", acl: "private" } } } },
  };
  const manifest = { stacks: {} as Record<string, unknown> };
  for (const [name, json] of Object.entries(stacks)) {
    fs.mkdirSync(path.join(outdir, "stacks", name), { recursive: true });
    fs.writeFileSync(path.join(outdir, "stacks", name, "cdk.tf.json"), JSON.stringify(json));
    manifest.stacks[name] = { name, synthesizedStackPath: `stacks/${name}/cdk.tf.json`, workingDirectory: `stacks/${name}` };
  }
  fs.writeFileSync(path.join(outdir, "manifest.json"), JSON.stringify(manifest));
});
afterEach(() => fs.rmSync(outdir, { recursive: true, force: true }));

const modeOf = (file: string) => fs.statSync(file).mode & 0o777;

it("finds each local state file and its backup where terraform writes them: the backend's path from the stack's folder, or cdktf's default; none for OSS", () => {
  const pki = path.resolve(outdir, "..", "terraform.pki.tfstate");
  const plain = path.join(outdir, "stacks", "plain", "terraform.plain.tfstate");
  expect(localStateFiles(outdir)).toEqual([pki, `${pki}.backup`, plain, `${plain}.backup`]);
});

it("protectLocalState makes existing state files 600 and leaves missing ones alone", () => {
  const plain = path.join(outdir, "stacks", "plain", "terraform.plain.tfstate");
  fs.writeFileSync(plain, "{}", { mode: 0o644 });
  fs.writeFileSync(`${plain}.backup`, "{}", { mode: 0o664 });
  fs.chmodSync(plain, 0o644);
  fs.chmodSync(`${plain}.backup`, 0o664);
  expect(protectLocalState(outdir)).toEqual([plain, `${plain}.backup`]);
  expect([modeOf(plain), modeOf(`${plain}.backup`)]).toEqual([0o600, 0o600]);
  expect(protectLocalState(outdir)).toEqual([]);
});

it("withPrivateFiles: what it and its child processes create is 600, and the umask is restored after", () => {
  const before = process.umask();
  expect(before & 0o077).not.toBe(0o077); // the check below could fail: files are not private by default here
  const file = path.join(outdir, "created");
  const child = withPrivateFiles(() => {
    fs.writeFileSync(file, "x");
    return spawnSync("sh", ["-c", `umask; : > "${path.join(outdir, "by-child")}"`], { encoding: "utf8" }).stdout.trim();
  });
  expect(child).toBe("0077");
  expect(modeOf(file)).toBe(0o600);
  expect(modeOf(path.join(outdir, "by-child"))).toBe(0o600);
  expect(process.umask()).toBe(before);
});
