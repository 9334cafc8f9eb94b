/**
 * Keeps a local deploy's Terraform state apart from the app's real one. After
 * the local synth (into places.ts's localOutdir), each synthesized stack is
 * rewritten before it runs:
 *
 * - its backend becomes a local one in the account's state folder
 *   (places.ts's stateDirOf): a local backend's file `F` (as the app would
 *   write it from its own cdktf.out) is kept at `<state folder>/<F relative to
 *   the project>`, an OSS backend's object at `<state folder>/oss/<bucket>/<prefix>/<key>`;
 * - every `terraform_remote_state` data source reading a local or OSS state
 *   is pointed at the same place, by the same rule: a stack of this app, or
 *   another app of the project (a consumer in a subfolder), reads what the
 *   local deploy of its producer wrote, so fromRemoteState works locally.
 *
 * OSS is redirected rather than refused: a team's real app keeps its state
 * in OSS (OssState), and the local cloud is for trying that very app; the
 * local cloud's IDs must never reach the real state, and no credentials are
 * needed. Any other backend is refused in one line: its state has no place
 * this rule could give it.
 */
import * as fs from "fs";
import * as path from "path";
import { CommandError } from "../cli/cdktf/command-error";

/** Where the app is, and where its local states go. */
export interface LocalStatePlaces {
  /** The app folder (its cdktf.json). */
  readonly appDir: string;
  /** The project folder (places.ts's projectDir): state paths are kept relative to it. */
  readonly projectDir: string;
  /** The account's state folder (places.ts's stateDirOf). */
  readonly stateDir: string;
}

interface ManifestStack {
  readonly name: string;
  readonly workingDirectory: string;
  readonly synthesizedStackPath: string;
}

type Config = Record<string, unknown>;

interface RemoteState {
  backend?: string;
  config?: Config;
}

interface StackJson {
  terraform?: { backend?: Record<string, Config> };
  data?: { terraform_remote_state?: Record<string, RemoteState> };
}

/** The app's output folder for a real deploy: cdktf.json's `output`, default cdktf.out. */
function regularOutdir(appDir: string): string {
  try {
    const output = JSON.parse(fs.readFileSync(path.join(appDir, "cdktf.json"), "utf8")).output;
    if (typeof output === "string" && output !== "") return output;
  } catch {
    // No readable cdktf.json: cdktf's own default.
  }
  return "cdktf.out";
}

/**
 * Rewrites the backends and remote-state reads of every stack synthesized in
 * `outdir` (see the top of this file); returns the lines to show (one when
 * OSS state is kept locally), or throws a CommandError for another backend.
 */
export function redirectStates(outdir: string, places: LocalStatePlaces): string[] {
  const manifest = JSON.parse(fs.readFileSync(path.join(outdir, "manifest.json"), "utf8")) as { stacks: Record<string, ManifestStack> };
  const ossStacks: string[] = [];
  for (const stack of Object.values(manifest.stacks)) {
    const file = path.join(outdir, stack.synthesizedStackPath);
    const json = JSON.parse(fs.readFileSync(file, "utf8")) as StackJson;
    // Relative local paths mean what they would mean in the app's own cdktf.out.
    const workingDir = path.resolve(places.appDir, regularOutdir(places.appDir), stack.workingDirectory);
    const where = (type: string, config: Config, what: string) => localPathFor(type, config, workingDir, places, `${what} of stack ${stack.name}`);
    const [type, config] = Object.entries(json.terraform?.backend ?? { local: {} })[0] ?? ["local", {}];
    if (type === "oss") ossStacks.push(stack.name);
    json.terraform = { ...json.terraform, backend: { local: { path: where(type, config, "the backend") } } };
    for (const [name, read] of Object.entries(json.data?.terraform_remote_state ?? {})) {
      const readType = read.backend ?? "local";
      const readPath = where(readType, read.config ?? {}, `the remote state ${name}`);
      json.data!.terraform_remote_state![name] = { ...read, backend: "local", config: { path: readPath } };
    }
    fs.writeFileSync(file, `${JSON.stringify(json, null, 2)}\n`);
  }
  if (ossStacks.length === 0) return [];
  const shown = path.relative(places.appDir, path.join(places.stateDir, "oss")) || ".";
  return [`OSS state of ${ossStacks.join(", ")} kept in ${shown}/ instead: a local deploy never writes to OSS, whose state must name only real objects.`];
}

/** The local file that stands for a local or OSS state; a CommandError for another backend or a path outside the project. */
function localPathFor(type: string, config: Config, workingDir: string, places: LocalStatePlaces, what: string): string {
  let relative: string;
  if (type === "local") {
    const original = typeof config.path === "string" ? config.path : "terraform.tfstate";
    relative = path.relative(places.projectDir, path.resolve(workingDir, original));
  } else if (type === "oss") {
    const text = (key: string, fallback: string) => (typeof config[key] === "string" && config[key] !== "" ? (config[key] as string) : fallback);
    relative = path.join("oss", text("bucket", "_"), text("prefix", "env:"), text("key", "terraform.tfstate"));
  } else {
    throw new CommandError(
      `${capitalized(what)} uses the ${JSON.stringify(type)} backend: slb-local-cloud keeps only local and oss states apart from the real ones (in ${places.stateDir}); use LocalBackend or OssState.`,
      2,
    );
  }
  const file = path.resolve(places.stateDir, relative);
  if (relative.startsWith("..") || path.isAbsolute(relative) || !file.startsWith(places.stateDir + path.sep)) {
    throw new CommandError(`${capitalized(what)} is outside the project ${places.projectDir}: slb-local-cloud keeps states only for paths inside it.`, 2);
  }
  return file;
}

function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
