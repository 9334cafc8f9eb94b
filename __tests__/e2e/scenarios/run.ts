/**
 * Runs scenarios against a target. The local target is the local provider
 * with its waits at the e2e scale; the cloud target is the real
 * aliyun/alicloud provider from the Terraform registry, with the credentials
 * of the provider's own variables.
 */
import { randomBytes } from "crypto";
import * as fs from "fs";
import * as path from "path";
import { CERTS, Workspace } from "../harness";
import { Scenario, ScenarioContext, ScenarioSkipped, TargetKind } from "./context";
import { SCENARIOS } from "./index";

import { cdktfEnv } from "../../../cli/cdktf/cdktf-env";

/** A run's ID: the value of the tag every resource of the run carries. */
export function newRunId(): string {
  return `run-${new Date().toISOString().replace(/[-:T]/g, "").slice(0, 14)}-${randomBytes(3).toString("hex")}`;
}

/**
 * The environment of terraform against the real provider: the user's own,
 * without the local provider's mirror or any emulator setting.
 */
export function cloudEnv(base: NodeJS.ProcessEnv = process.env): NodeJS.ProcessEnv {
  const env = cdktfEnv(base, false);
  for (const name of Object.keys(env)) if (name.startsWith("SLB_EMULATOR_") || name === "DEPLOY_SKIP_PROVIDER_LOCK") delete env[name];
  if (env.TF_CLI_CONFIG_FILE?.includes(`${path.sep}.local-cloud${path.sep}`)) delete env.TF_CLI_CONFIG_FILE;
  return { ...env, TF_VAR_server_private_key: fs.readFileSync(path.join(CERTS, "server.key"), "utf8"), TF_IN_AUTOMATION: "1" };
}

/** Two resource groups made in the workspace's local account. */
function localResourceGroups(ws: Workspace): readonly [string, string] {
  const make = (name: string) => {
    const r = ws.localCloud(["create-resource-group", name]);
    if (r.status !== 0) throw new Error(`local-cloud create-resource-group ${name} failed:\n${r.output}`);
    return r.output.trim();
  };
  return [make("acceptance-a"), make("acceptance-b")];
}

/** TEST_CLOUD_RESOURCE_GROUPS: two resource group IDs of the account, comma-separated. */
function cloudResourceGroups(): readonly [string, string] | string {
  const ids = (process.env.TEST_CLOUD_RESOURCE_GROUPS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
  if (ids.length !== 2) return "TEST_CLOUD_RESOURCE_GROUPS does not name two resource group IDs of the account (rg-…,rg-…)";
  return [ids[0], ids[1]];
}

export function context(target: TargetKind, runId: string, log: (line: string) => void): ScenarioContext {
  return {
    target,
    runId,
    workspace: (name, main) => (target === "local" ? new Workspace(name, main) : new Workspace(name, main, cloudEnv())),
    resourceGroups: (ws) => (target === "local" ? localResourceGroups(ws) : cloudResourceGroups()),
    log,
  };
}

export interface ScenarioResult {
  readonly name: string;
  readonly outcome: "ok" | "failed" | "skipped";
  readonly detail: string;
  readonly seconds: number;
}

/** The scenarios named (all when none), or an error naming the unknown ones and the known ones. */
export function selectScenarios(names: readonly string[]): Scenario[] {
  if (names.length === 0) return [...SCENARIOS];
  const unknown = names.filter((n) => !SCENARIOS.some((s) => s.name === n));
  if (unknown.length > 0) throw new Error(`no scenario ${unknown.join(", ")}; the scenarios are ${SCENARIOS.map((s) => s.name).join(", ")}`);
  return SCENARIOS.filter((s) => names.includes(s.name));
}

/** Runs one scenario; a failure is reported, not thrown. */
export function runScenario(scenario: Scenario, ctx: ScenarioContext): ScenarioResult {
  const started = Date.now();
  const seconds = () => Math.round((Date.now() - started) / 100) / 10;
  if (ctx.target === "cloud" && scenario.localOnly) return { name: scenario.name, outcome: "skipped", detail: `local only: ${scenario.localOnly}`, seconds: 0 };
  try {
    scenario.run(ctx);
    return { name: scenario.name, outcome: "ok", detail: scenario.title, seconds: seconds() };
  } catch (error) {
    if (error instanceof ScenarioSkipped) return { name: scenario.name, outcome: "skipped", detail: error.message, seconds: seconds() };
    return { name: scenario.name, outcome: "failed", detail: (error as Error).stack ?? String(error), seconds: seconds() };
  }
}

/** The run's last line: how many scenarios passed, were skipped and failed; a skipped one never counts as passed. */
export function summary(results: readonly ScenarioResult[]): string {
  const count = (outcome: ScenarioResult["outcome"]) => results.filter((r) => r.outcome === outcome).length;
  return `${count("ok")} of ${results.length} passed, ${count("skipped")} skipped, ${count("failed")} failed`;
}
