/**
 * One `npm run package` per test run, shared by the test files that need its
 * output (the tarballs, the jsii build in dist/, the pacmak sources and the
 * wheel): in a copy of the project (support/project-copy.ts: it never races a
 * test that reads the project's own dist/), under the run's temporary folder
 * (SLB_CA_TESTS_NPM_HOME, made by __tests__/global/npm-home-setup.js). The
 * first test file to ask builds; the others wait for it. Readers never write
 * into the built project.
 */
import { spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { copyProjectForBuild } from "./project-copy";

export const ROOT = path.join(__dirname, "..", "..");
const PKG = JSON.parse(fs.readFileSync(path.join(ROOT, "package.json"), "utf8"));

export interface Tarballs {
  /** cdktf-alicloud-slb-ca-certificate */
  readonly library: string;
  /** cdktn-alicloud-slb-ca-certificate: the library for CDK Terrain */
  readonly cdktnLibrary: string;
  /** alicloud-slb-local-cloud */
  readonly localCloud: string;
}

const WAIT_MS = 10 * 60 * 1000;

function sleep(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function build(project: string): void {
  fs.mkdirSync(project, { recursive: true });
  copyProjectForBuild(project);
  const run = spawnSync("npm", ["run", "package", "--silent"], { cwd: project, encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (run.status !== 0) throw new Error(`npm run package failed:\n${run.stdout}${run.stderr}`);
}

/** The project copy in which this test run's `npm run package` ran (dist/, .jsii), built on first use: read it, never write to it. */
export function builtProject(): string {
  const base = process.env.SLB_CA_TESTS_NPM_HOME ?? fs.mkdtempSync(path.join(os.tmpdir(), "slb-ca-package-"));
  const dir = path.join(base, "package");
  const project = path.join(dir, "project");
  const done = path.join(dir, "DONE");
  const failed = path.join(dir, "FAILED");
  let builder = false;
  try {
    fs.mkdirSync(dir);
    builder = true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  if (builder) {
    try {
      const began = Date.now();
      build(project);
      if (process.env.SLB_CA_TESTS_STEP_TIMES) process.stderr.write(`${Math.round((Date.now() - began) / 1000)} s  npm run package\n`);
      fs.writeFileSync(done, "");
    } catch (error) {
      fs.writeFileSync(failed, String((error as Error).message));
      throw error;
    }
  } else {
    const deadline = Date.now() + WAIT_MS;
    while (!fs.existsSync(done)) {
      if (fs.existsSync(failed)) throw new Error(`npm run package failed in another test file: ${fs.readFileSync(failed, "utf8")}`);
      if (Date.now() > deadline) throw new Error(`npm run package did not finish within ${WAIT_MS / 1000} s (${dir})`);
      sleep(500);
    }
  }
  return project;
}

/** The tarballs of this test run (built on first use). */
export function tarballs(): Tarballs {
  const dir = path.join(builtProject(), "dist", "packages");
  return {
    library: path.join(dir, `${PKG.name}-${PKG.version}.tgz`),
    cdktnLibrary: path.join(dir, `cdktn-alicloud-slb-ca-certificate-${PKG.version}.tgz`),
    localCloud: path.join(dir, `alicloud-slb-local-cloud-${PKG.version}.tgz`),
  };
}

/** The paths in a tarball, without npm's top folder `package/`, sorted. */
export function tarballFiles(tarball: string): string[] {
  const list = spawnSync("tar", ["-tzf", tarball], { encoding: "utf8" });
  if (list.status !== 0) throw new Error(`tar -tzf ${tarball}: ${list.stderr}`);
  return list.stdout
    .trim()
    .split("\n")
    .map((f) => f.replace(/^package\//, ""))
    .sort();
}

/** A file of a tarball, as text. */
export function tarballFile(tarball: string, file: string): string {
  const read = spawnSync("tar", ["-xzOf", tarball, `package/${file}`], { encoding: "utf8", maxBuffer: 64 * 1024 * 1024 });
  if (read.status !== 0) throw new Error(`tar -xzOf ${tarball} package/${file}: ${read.stderr}`);
  return read.stdout;
}
