/**
 * End-to-end harness: each test gets its own folder under the OS temp dir
 * (an app, its cdktf.out, its Terraform state and its emulated account), and
 * runs the real cdktf CLI or terraform against the local SLB provider. The
 * provider is installed once, in the project's .local-cloud/mirror, and shared.
 *
 * Apps are built for cdktf, or for CDK Terrain (cdktn) in the jest project
 * that says so (frameworks/cdktn/jest.e2e.config.js): the same sources,
 * switched as the upgrade guide says (frameworks/cdktn/switch-app.js), synthesized
 * and deployed on Node 22 through cdktn-cli.
 */
import { SpawnSyncReturns, spawnSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { Account } from "../../emulator/account";
import { readAccount } from "../../emulator/account-file";

import { appCliFor } from "../../cli/cdktf/cdktf-cli";
import { requireTerraform } from "../../cli/cdktf/require-terraform";
import { localOutdir, stateDirOf } from "../../local-cloud/places";
import { APPS as CDKTN_APPS, NODE22 } from "../../frameworks/cdktn/paths";
import { switchAppToCdktn } from "../../frameworks/cdktn/switch-app";
import { localCloudEnv } from "../../local-cloud/provider-install";

export const PROJECT = path.join(__dirname, "..", "..");
export const CERTS = path.join(PROJECT, "examples", "certs");

/** Terraform must be there: a missing one fails the suite with install instructions (requireTerraform's message). */
export const TERRAFORM_VERSION = requireTerraform();

/** The local provider's waits in e2e tests, as SLB_EMULATOR_WAIT_SCALE (see emulator/alicloud/waits.ts). */
export const WAIT_SCALE = "0.01";

/** What the app folders link to in the project (read-only use); with package.json, scripts/, cli/ and local-cloud/, `npm run` works there. */
const SHARED = ["node_modules", ".gen", "common", "constructs", "app", "policy", "examples", "scripts", "cli", "local-cloud", "tsconfig.json", "package.json"];

export type Framework = "cdktf" | "cdktn";

/** The framework of this jest project's apps: its `globals.E2E_FRAMEWORK`, cdktf unless set. */
export const FRAMEWORK: Framework = (globalThis as { E2E_FRAMEWORK?: Framework }).E2E_FRAMEWORK ?? "cdktf";

/** The app's TypeScript sources: what a switch to cdktn rewrites. */
const APP_SOURCES = ["main.ts", "app", "constructs"];

export interface WorkspaceOptions {
  /** The framework the app is built for. @default FRAMEWORK */
  readonly framework?: Framework;
  /** A cdktf app that switchToCdktn() will switch later (its folder is made where cdktn resolves). @default false */
  readonly switchable?: boolean;
}

export interface RunResult {
  readonly status: number;
  /** stdout and stderr together. */
  readonly output: string;
}

function result(r: SpawnSyncReturns<string>): RunResult {
  if (r.error) throw r.error;
  return { status: r.status ?? 1, output: `${r.stdout}${r.stderr}` };
}

/** Runs a command line from a message (an orphan warning's), as a user pasting it would, in a folder, with the workspace's environment. */
export function paste(ws: Workspace, command: string, cwd: string): RunResult {
  return result(spawnSync("sh", ["-c", command], { cwd, env: ws.env, encoding: "utf8" }));
}

/** The run succeeded; on failure the assertion shows its whole output. */
export function expectOk(run: RunResult): void {
  expect({ status: run.status, output: run.status === 0 ? "" : run.output }).toEqual({ status: 0, output: "" });
}

export class Workspace {
  public readonly dir: string;
  public readonly env: NodeJS.ProcessEnv;
  /** Where the stacks run: cdktf.out, or the local cloud's own output folder once `slb-local-cloud deploy|destroy` ran. */
  private outdir: string;
  private currentFramework: Framework = "cdktf";

  /**
   * A fresh app folder. `main` is the app's main.ts source; without it, the
   * project's example app (main.ts, two stacks) is used. `env` replaces the
   * local provider's environment (the cloud acceptance run passes the real
   * provider's).
   */
  constructor(name: string, main?: string, env?: NodeJS.ProcessEnv, options: WorkspaceOptions = {}) {
    const framework = options.framework ?? FRAMEWORK;
    // A cdktn app resolves cdktn from the leg's node_modules, above its folder.
    const base = framework === "cdktn" || options.switchable ? CDKTN_APPS : os.tmpdir();
    fs.mkdirSync(base, { recursive: true });
    this.dir = fs.mkdtempSync(path.join(base, `slb-e2e-${name}-`));
    for (const entry of SHARED) fs.symlinkSync(path.join(PROJECT, entry), path.join(this.dir, entry));
    fs.copyFileSync(path.join(PROJECT, "cdktf.json"), path.join(this.dir, "cdktf.json"));
    fs.writeFileSync(path.join(this.dir, "main.ts"), main ?? fs.readFileSync(path.join(PROJECT, "main.ts"), "utf8"));
    this.outdir = path.join(this.dir, "cdktf.out");
    this.env = {
      ...(env ?? localCloudEnv({ dir: path.join(PROJECT, ".local-cloud"), state: path.join(this.dir, "account.json") })),
      TF_VAR_server_private_key: fs.readFileSync(path.join(CERTS, "server.key"), "utf8"),
      CI: "true",
      FORCE_COLOR: "0",
      // The provider's waits (3 s, 5 s, …) and timeouts at 1/100: the same retries, fast.
      SLB_EMULATOR_WAIT_SCALE: WAIT_SCALE,
    };
    delete this.env.SLB_EMULATOR_FAIL;
    delete this.env.SLB_EMULATOR_LAG;
    if (framework === "cdktn") this.switchToCdktn();
  }

  /** The framework the app is built for now. */
  get framework(): Framework {
    return this.currentFramework;
  }

  /** Switches the app to cdktn as a team would (imports and dependencies renamed, cdktn's bindings); state and cdktf.out stay. */
  switchToCdktn(): void {
    switchAppToCdktn(this.dir, APP_SOURCES);
    this.currentFramework = "cdktn";
  }

  /** The Node the app runs on: cdktn-cli's Node 22 for cdktn, this one for cdktf. */
  private get node(): string {
    return this.currentFramework === "cdktn" ? NODE22 : process.execPath;
  }

  /** Synthesizes the app (node on main.ts, as cdktf synth would, without the CLI's start-up). */
  synth(env: NodeJS.ProcessEnv = {}): RunResult {
    const r = result(
      spawnSync(this.node, ["--import", "tsx", "main.ts"], {
        cwd: this.dir,
        env: { ...this.env, CDKTF_OUTDIR: path.join(this.dir, "cdktf.out"), ...env },
        encoding: "utf8",
      }),
    );
    if (r.status !== 0) throw new Error(`synth failed:\n${r.output}`);
    return r;
  }

  stackDir(stack: string): string {
    return path.join(this.outdir, "stacks", stack);
  }

  /** The folder of the local states of this workspace's account (where `slb-local-cloud deploy` keeps them). */
  stateDir(): string {
    return stateDirOf(this.env.SLB_EMULATOR_STATE!);
  }

  /** The app's own CLI (cdktf or cdktn, as slb-local-cloud finds it) with `args`, in the app folder. */
  cli(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    const cli = appCliFor(this.dir);
    return result(
      spawnSync(cli.node, [cli.script, ...args], {
        cwd: this.dir,
        env: { ...this.env, PATH: `${path.dirname(cli.node)}${path.delimiter}${this.env.PATH}`, ...env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  }

  /** terraform in a stack's folder, without colours or prompts. */
  terraform(stack: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    return result(
      spawnSync("terraform", [...args], {
        cwd: this.stackDir(stack),
        env: { ...this.env, ...env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  }

  /** terraform, failing the test with its output when it fails. */
  terraformOk(stack: string, args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    const r = this.terraform(stack, args, env);
    if (r.status !== 0) throw new Error(`terraform ${args.join(" ")} in ${stack} exited ${r.status}:\n${r.output}`);
    return r;
  }

  init(stack: string): void {
    this.terraformOk(stack, ["init", "-input=false", "-no-color"]);
  }

  apply(stack: string, env: NodeJS.ProcessEnv = {}): RunResult {
    return this.terraform(stack, ["apply", "-input=false", "-no-color", "-auto-approve"], env);
  }

  /** `terraform plan -detailed-exitcode`: status 0 no changes, 2 changes, 1 error. */
  plan(stack: string, env: NodeJS.ProcessEnv = {}): RunResult {
    return this.terraform(stack, ["plan", "-input=false", "-no-color", "-detailed-exitcode"], env);
  }

  outputs(stack: string): Record<string, string> {
    const json = JSON.parse(this.terraformOk(stack, ["output", "-json"]).output);
    return Object.fromEntries(Object.entries(json).map(([k, v]) => [k, (v as { value: string }).value]));
  }

  /** The stack's Terraform state, as the local backend stores it. */
  state(stack: string): TerraformState {
    const candidates = [
      path.join(this.dir, `terraform.${stack}.tfstate`),
      path.join(this.stateDir(), `terraform.${stack}.tfstate`),
      path.join(this.stackDir(stack), `terraform.${stack}.tfstate`),
    ];
    const file = candidates.find((f) => fs.existsSync(f));
    if (!file) throw new Error(`no state for ${stack}`);
    return JSON.parse(fs.readFileSync(file, "utf8"));
  }

  /** `slb-local-cloud ...` (npm run local-cloud -- ...) in the app folder, on this workspace's account. */
  localCloud(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    if (args[0] === "deploy" || args[0] === "destroy") this.outdir = localOutdir(this.dir);
    return this.command(path.join(PROJECT, "local-cloud", "main.ts"), args, env);
  }

  /**
   * `slb-ca ...` in the app folder, with this workspace's environment (the
   * local provider's, as `eval "$(slb-local-cloud env)"` gives it): synth,
   * deploy and destroy run in cdktf.out with the app's own state, as a deploy
   * to the real cloud does.
   */
  slbCa(args: string[], env: NodeJS.ProcessEnv = {}): RunResult {
    if (args[0] === "deploy" || args[0] === "destroy") this.outdir = path.join(this.dir, "cdktf.out");
    return this.command(path.join(PROJECT, "cli", "slb-ca.ts"), args, env);
  }

  private command(file: string, args: string[], env: NodeJS.ProcessEnv): RunResult {
    return result(
      spawnSync(process.execPath, ["--import", "tsx", file, ...args], {
        cwd: this.dir,
        env: { ...this.env, ...env },
        encoding: "utf8",
        maxBuffer: 64 * 1024 * 1024,
      }),
    );
  }

  /** The emulated account with its call log, as the emulator reads it. */
  account(): Account {
    return readAccount(this.env.SLB_EMULATOR_STATE!);
  }

  remove(): void {
    fs.rmSync(this.dir, { recursive: true, force: true });
  }
}

export interface TerraformState {
  readonly outputs: Record<string, { value: unknown }>;
  readonly resources: {
    readonly mode: string;
    readonly type: string;
    readonly name: string;
    readonly instances: { readonly attributes: Record<string, unknown>; readonly deposed?: string }[];
  }[];
}

/** IDs of every managed object of a type in a state, current and deposed. */
export function stateIds(state: TerraformState, type: string): string[] {
  return state.resources.filter((r) => r.mode === "managed" && r.type === type).flatMap((r) => r.instances.map((i) => String(i.attributes.id)));
}

/** An app with one stack: the lines go into the stack's constructor body (`stack`, `provider` and `fs` in scope). */
export function oneStackApp(stackName: string, body: string, imports = ""): string {
  return `import * as fs from "fs";
import { App, LocalBackend, TerraformOutput, TerraformStack } from "cdktf";
import { AlicloudProvider } from "./.gen/providers/alicloud/provider";
import { SlbListener } from "./.gen/providers/alicloud/slb-listener";
import { SlbLoadBalancer } from "./.gen/providers/alicloud/slb-load-balancer";
import { SlbServerCertificate } from "./.gen/providers/alicloud/slb-server-certificate";
import { CaCertificate } from "./constructs";
${imports}
const app = new App();
const stack = new TerraformStack(app, ${JSON.stringify(stackName)});
new LocalBackend(stack, { path: "../../../terraform.${stackName}.tfstate" });
const provider = new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
${body}
app.synth();
`;
}
