/**
 * Installs the local SLB provider where Terraform looks for providers, and
 * gives the environment every local deploy runs with. Everything goes into
 * the project's .local-cloud/ folder; nothing into the user's home.
 *
 * - The provider is the emulator's main.js: in the package, built beside this
 *   file; run from this repository's sources, compiled into the repository's
 *   `.local-cloud/provider/` when a source changed (Terraform starts three or
 *   four provider processes per plan or apply; plain node starts one in half
 *   the time node with tsx does).
 * - A filesystem mirror (`<.local-cloud>/mirror`) holds
 *   registry.terraform.io/aliyun/alicloud/<version>/<os>_<arch>/terraform-provider-alicloud_v<version>:
 *   a shell script that execs node on main.js. (dev_overrides would need no
 *   install, but a plain `terraform init` ignores them.)
 * - A Terraform CLI config (`<.local-cloud>/terraformrc`) points at the mirror;
 *   TF_CLI_CONFIG_FILE passes it to the processes started with this
 *   environment, never to the user's shell (unless `slb-local-cloud env` is
 *   evaluated there).
 * - No plugin cache: cdktfEnv turns cdktf's off, and a TF_PLUGIN_CACHE_DIR of
 *   the user's is dropped, or Terraform would leave a link to the stand-in
 *   there, where a later real `terraform init` could take it for the real provider.
 * - DEPLOY_SKIP_PROVIDER_LOCK=1: a deploy passes --skip-provider-lock to cdktf,
 *   whose `terraform providers lock` would ask the registry, past the mirror.
 */
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import { cdktfEnv } from "../cli/cdktf/cdktf-env";
import { loadSchemas } from "../emulator/schema";
import { sourceClosure, transpile } from "./transpile";

const PROVIDER_SOURCE = "registry.terraform.io/aliyun/alicloud";

function platform(): string {
  const arch: Record<string, string> = { x64: "amd64", arm64: "arm64", ia32: "386", arm: "arm" };
  return `${process.platform}_${arch[process.arch] ?? process.arch}`;
}

/** The provider's main.js: built beside this file (the package), or compiled from the emulator's sources. */
function providerMain(): string {
  const built = path.join(__dirname, "..", "emulator", "main.js");
  if (fs.existsSync(built)) return built;
  const root = path.join(__dirname, "..");
  return compileProvider(path.join(root, "emulator", "main.ts"), root, path.join(root, ".local-cloud", "provider"));
}

/**
 * Compiles the emulator's sources (main.ts and all it loads, below `root`)
 * into `out`, unless none of the files of the last build changed; returns
 * main.js's path. Each file is replaced atomically and only when it changed:
 * a terraform started meanwhile (another test) never runs half a build.
 */
function compileProvider(entry: string, root: string, out: string): string {
  const stamp = path.join(out, "SOURCES.json");
  const digest = (files: readonly string[]) => {
    const hash = crypto.createHash("sha256");
    for (const f of files) hash.update(f).update(fs.existsSync(f) ? fs.readFileSync(f) : "(missing)");
    return hash.digest("hex");
  };
  let last: { files: string[]; digest: string } | undefined;
  try {
    last = JSON.parse(fs.readFileSync(stamp, "utf8"));
  } catch {
    last = undefined;
  }
  if (last === undefined || digest(last.files) !== last.digest) {
    const files = sourceClosure([entry]);
    const written = transpile(files, root, (relative, text) => writeIfChanged(path.join(out, relative), text, 0o644));
    const inputs = [...files, ...written.filter((w) => w.endsWith(".proto")).map((w) => path.join(root, w))].sort();
    writeIfChanged(stamp, JSON.stringify({ files: inputs, digest: digest(inputs) }), 0o644);
  }
  return path.join(out, path.relative(root, entry).replace(/\.ts$/, ".js"));
}

/**
 * Writes the mirror and the CLI config under `dir`; returns the CLI config's
 * path. Rewrites only what changed, so the lock file's recorded hash stays
 * valid across runs.
 */
export function installLocalProvider(dir: string): string {
  const version = loadSchemas().version;
  const mirror = path.join(dir, "mirror");
  const executable = path.join(mirror, PROVIDER_SOURCE, version, platform(), `terraform-provider-alicloud_v${version}`);
  const script = `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(providerMain())} "$@"\n`;
  writeIfChanged(executable, script, 0o755);
  const config = path.join(dir, "terraformrc");
  writeIfChanged(
    config,
    `# Written by slb-local-cloud: aliyun/alicloud comes from the local SLB provider.\n` +
      `provider_installation {\n  filesystem_mirror {\n    path    = ${JSON.stringify(mirror)}\n    include = ["${PROVIDER_SOURCE}"]\n  }\n}\n`,
    0o644,
  );
  return config;
}

function writeIfChanged(file: string, text: string, mode: number): void {
  if (fs.existsSync(file) && fs.readFileSync(file, "utf8") === text) return;
  fs.mkdirSync(path.dirname(file), { recursive: true });
  // Temporary file and rename: a terraform started meanwhile never runs half a script.
  const temp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(temp, text, { mode });
  fs.chmodSync(temp, mode);
  fs.renameSync(temp, file);
}

export interface LocalCloudEnvOptions {
  /** The folder of the mirror, the CLI config, the provider's TLS identity and (by default) the account. */
  readonly dir: string;
  /** The account file. @default SLB_EMULATOR_STATE, else `<dir>/account.json` */
  readonly state?: string;
  /** @default process.env */
  readonly base?: NodeJS.ProcessEnv;
}

/** The environment of a cdktf or terraform run against the local provider (installed first). */
export function localCloudEnv(options: LocalCloudEnvOptions): NodeJS.ProcessEnv {
  const base = options.base ?? process.env;
  // CI is left as the caller has it (told "interactive"): the local-state warning of a deploy is for real CI jobs.
  const env = cdktfEnv(base, true);
  env.TF_CLI_CONFIG_FILE = installLocalProvider(options.dir);
  env.DEPLOY_SKIP_PROVIDER_LOCK = "1";
  delete env.TF_PLUGIN_CACHE_DIR;
  env.SLB_LOCAL_CLOUD_DIR = options.dir;
  env.SLB_EMULATOR_STATE = path.resolve(options.state ?? (base.SLB_EMULATOR_STATE || path.join(options.dir, "account.json")));
  env.TF_IN_AUTOMATION = "1";
  // The provider's warnings (a call waiting for the account's lock) show in Terraform's output.
  env.TF_LOG_PROVIDER ||= "WARN";
  return env;
}
