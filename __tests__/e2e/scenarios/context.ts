/**
 * What a scenario runs in: a target (the local provider, or the real alicloud
 * provider against Alibaba Cloud), app folders for it, and checks that work
 * on both. Checks that need the emulated account (the call log, what the
 * account holds) run on the local target only.
 *
 * Scenarios are plain functions that throw on failure (node:assert), so the
 * same code runs under jest (npm test, local target) and under
 * `npm run test:cloud` (either target).
 */
import assert from "node:assert/strict";
import * as fs from "fs";
import type { Account, CallRecord } from "../../../emulator/account";
import { RunResult, TerraformState, Workspace, stateIds } from "../harness";

/** The tag every resource a scenario makes carries; the sweeper deletes what carries it. */
export const RUN_TAG_KEY = "cdktf-slb-acceptance";

export type TargetKind = "local" | "cloud";

export interface ScenarioContext {
  readonly target: TargetKind;
  /** This run's value of RUN_TAG_KEY. */
  readonly runId: string;
  /** A fresh app folder whose main.ts is `main`, for this target. */
  workspace(name: string, main: string): Workspace;
  /** Two resource groups the account has (local: made with local-cloud; cloud: TEST_CLOUD_RESOURCE_GROUPS), or why there are none. */
  resourceGroups(ws: Workspace): readonly [string, string] | string;
  /** One line of progress for a person watching. */
  log(line: string): void;
}

export interface Scenario {
  readonly name: string;
  readonly title: string;
  /** Why it runs against the local provider only (it injects faults or lag); undefined when it runs in the cloud too. */
  readonly localOnly?: string;
  run(ctx: ScenarioContext): void;
}

/**
 * Thrown by a scenario that cannot run on this target (e.g. the account lacks a feature it needs): the run
 * reports it as skipped, with this message as the reason, never as passed.
 */
export class ScenarioSkipped extends Error {
  override readonly name = "ScenarioSkipped";
}

/** The stack every scenario app has. */
export const STACK = "scenario";

/** The run succeeded; else fails with its whole output. */
export function ok(run: RunResult, what: string): void {
  assert.equal(run.status, 0, `${what} failed:\n${run.output}`);
}

/** The run failed; else fails with its whole output. */
export function failed(run: RunResult, what: string): void {
  assert.notEqual(run.status, 0, `${what} succeeded, but should have failed:\n${run.output}`);
}

/** `terraform plan -detailed-exitcode` of the scenario stack shows no change. */
export function planIsClean(ws: Workspace): void {
  const plan = ws.plan(STACK);
  assert.equal(plan.status, 0, `the plan after apply is not empty:\n${plan.output}`);
}

/** The single managed object of a type in the state (its attributes). */
export function only(state: TerraformState, type: string): Record<string, unknown> {
  const instances = state.resources.filter((r) => r.mode === "managed" && r.type === type).flatMap((r) => r.instances);
  assert.equal(instances.length, 1, `expected one ${type} in the state, found ${instances.length}`);
  return instances[0].attributes;
}

/** Instance status (e.g. "tainted") of each object of a type in the state. */
export function statuses(state: TerraformState, type: string): (string | undefined)[] {
  return state.resources
    .filter((r) => r.mode === "managed" && r.type === type)
    .flatMap((r) => r.instances as { status?: string; deposed?: string }[])
    .map((i) => i.status ?? (i.deposed ? "deposed" : undefined));
}

/** Local only: the account holds exactly the objects the state holds (current, tainted and deposed), nothing left behind. */
export function accountEqualsState(ws: Workspace): void {
  const account: Account = ws.account();
  const state = ws.state(STACK);
  const sorted = (ids: string[]) => [...ids].sort();
  assert.deepEqual(
    {
      caCertificates: sorted(account.caCertificates.map((c) => c.CACertificateId)),
      serverCertificates: sorted(account.serverCertificates.map((c) => c.ServerCertificateId)),
      loadBalancers: sorted(account.loadBalancers.map((l) => l.LoadBalancerId)),
      listeners: sorted(account.listeners.map((l) => l.ListenerId)),
    },
    {
      caCertificates: sorted(stateIds(state, "alicloud_slb_ca_certificate")),
      serverCertificates: sorted(stateIds(state, "alicloud_slb_server_certificate")),
      loadBalancers: sorted(stateIds(state, "alicloud_slb_load_balancer")),
      listeners: sorted(stateIds(state, "alicloud_slb_listener")),
    },
    "the account and the state differ",
  );
}

/** Local only: how many calls the account has served (0 before the first). */
export function callCount(ws: Workspace): number {
  return fs.existsSync(ws.env.SLB_EMULATOR_STATE!) ? ws.account().calls.length : 0;
}

/** Local only: the calls served after the first `from`. */
export function callsSince(ws: Workspace, from: number): CallRecord[] {
  return ws.account().calls.slice(from);
}

/** Calls that change something (not Describe…/List…), as "Action:Result". */
export function changes(calls: readonly CallRecord[]): string[] {
  return calls.filter((c) => !/^(Describe|List)/.test(c.action)).map((c) => `${c.action}:${c.result}`);
}
