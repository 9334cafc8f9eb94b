/**
 * cdktf creates ~/.terraform.d/plugin-cache on every command unless told not
 * to; the project's cdktf wrapper (behind npm run synth, deploy, get) must
 * leave the user's home as it was.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

const ROOT = path.join(__dirname, "..", "..");

it("npm run synth (slb-ca synth) writes nothing into $HOME", () => {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), "home-untouched-"));
  const home = path.join(work, "home");
  fs.mkdirSync(home);
  try {
    const run = spawnSync(process.execPath, ["--import", "tsx", path.join(ROOT, "cli", "slb-ca.ts"), "synth", "--output", path.join(work, "out")], {
      cwd: ROOT,
      encoding: "utf8",
      env: { ...process.env, HOME: home },
      timeout: 120_000,
    });
    expect(run.status).toBe(0);
    // The control: the synth really ran.
    expect(fs.existsSync(path.join(work, "out", "manifest.json"))).toBe(true);
    expect(fs.readdirSync(home)).toEqual([]);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
});
