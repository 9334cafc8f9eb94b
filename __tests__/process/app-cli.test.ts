/**
 * Which CLI a deploy runs for an app (cli/cdktf/cdktf-cli.ts): cdktn when the
 * app depends on cdktn-cli, on the app's own Node when that meets cdktn-cli's
 * engines, refused in one line when no Node does; cdktf otherwise, on this Node.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { appCliFor, meetsEngines } from "../../cli/cdktf/cdktf-cli";
import { MODULES as CDKTN_MODULES, NODE22 } from "../../frameworks/cdktn/paths";
import { CommandError } from "../../cli/cdktf/command-error";
import { caught } from "../support/caught";
import { PROJECT_ROOT } from "../support/project-copy";
import { tempDir } from "../support/temp-dir";

/** An app folder (cdktf.json, package.json with `devDependencies`) and links to the CLI packages it names (from the repository and the cdktn leg). */
function appWith(dir: string, devDependencies: Record<string, string>): string {
  fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name: "app", devDependencies }));
  fs.writeFileSync(path.join(dir, "cdktf.json"), JSON.stringify({ language: "typescript", app: "npx tsx main.ts" }));
  fs.mkdirSync(path.join(dir, "node_modules", ".bin"), { recursive: true });
  for (const name of Object.keys(devDependencies)) {
    const from = name === "cdktn-cli" ? CDKTN_MODULES : path.join(PROJECT_ROOT, "node_modules");
    fs.symlinkSync(path.join(from, name), path.join(dir, "node_modules", name));
  }
  return dir;
}

/** PATH with this process's Node (20) first: what a machine without Node 22 has. */
const withNode20 = () => {
  const previous = process.env.PATH;
  process.env.PATH = `${path.dirname(process.execPath)}${path.delimiter}${previous}`;
  return () => (process.env.PATH = previous);
};

describe("the CLI an app runs", () => {
  it("cdktf-cli: cdktf, on this Node", () => {
    const app = appWith(tempDir("app-cli-"), { "cdktf-cli": "0.21.0" });
    expect(appCliFor(app)).toEqual({
      name: "cdktf",
      node: process.execPath,
      script: path.join(PROJECT_ROOT, "node_modules", "cdktf-cli", "bundle", "bin", "cdktf"),
    });
  });

  it("cdktn-cli with the app's Node 22 (the npm package node): cdktn, on that Node", () => {
    const app = appWith(tempDir("app-cli-"), { "cdktn-cli": "0.24.0" });
    fs.symlinkSync(NODE22, path.join(app, "node_modules", ".bin", "node"));
    const restore = withNode20();
    try {
      const cli = appCliFor(app);
      expect(cli).toEqual({
        name: "cdktn",
        node: path.join(app, "node_modules", ".bin", "node"),
        script: path.join(CDKTN_MODULES, "cdktn-cli", "bin", "cdktn"),
      });
    } finally {
      restore();
    }
  });

  it("cdktn-cli and no Node >= 22.19 anywhere: refused in one line naming the Node found and what to do", () => {
    const app = appWith(tempDir("app-cli-"), { "cdktn-cli": "0.24.0" });
    const restore = withNode20();
    try {
      const error = caught(() => appCliFor(app), CommandError);
      expect(error.message).toBe(
        `cdktn-cli needs Node >=22.19.0 (PATH's node is ${process.version}): add it to the app with \`npm install --save-dev node@22\`, or put a Node >=22.19.0 first on PATH.`,
      );
    } finally {
      restore();
    }
    // slb-local-cloud deploy says just that, and exits 2 (a usage problem), before running anything.
    fs.symlinkSync(path.join(PROJECT_ROOT, "node_modules", "tsx"), path.join(app, "node_modules", "tsx"));
    const deploy = spawnSync(process.execPath, ["--import", "tsx", path.join(PROJECT_ROOT, "local-cloud", "main.ts"), "deploy"], {
      cwd: app,
      env: {
        ...process.env,
        PATH: `${path.dirname(process.execPath)}${path.delimiter}${process.env.PATH}`,
        SLB_LOCAL_CLOUD_DIR: path.join(app, ".local-cloud"),
      },
      encoding: "utf8",
    });
    expect({ status: deploy.status, stderr: deploy.stderr.trim().split("\n").length }).toEqual({ status: 2, stderr: 1 });
    expect(deploy.stderr).toContain("cdktn-cli needs Node >=22.19.0");
  });

  it("an engines minimum is compared part by part", () => {
    expect([
      meetsEngines("22.19.0", ">=22.19.0"),
      meetsEngines("22.18.9", ">=22.19.0"),
      meetsEngines("23.0.0", ">=22.19.0"),
      meetsEngines("20.20.2", ">=22.19"),
    ]).toEqual([true, false, true, false]);
  });
});
