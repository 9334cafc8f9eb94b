/**
 * What the emulated provider does for one resource type or data source, in the
 * terms of Terraform's protocol; each file beside this one follows one Go file
 * of aliyun/terraform-provider-alicloud at v1.257.0.
 */
import { CtyObject } from "../cty";
import { SlbClient } from "./slb-client";

/** A problem with one attribute of a configuration, reported at that attribute. */
export interface AttributeProblem {
  readonly attribute: string;
  readonly summary: string;
  readonly detail: string;
}

export interface ManagedResource {
  /** Attributes whose change replaces the resource (ForceNew in the Go schema; Terraform's schema JSON has no such flag). */
  readonly forceNew: readonly string[];
  /**
   * Pairs of attributes that are one value under two names (a deprecated alias):
   * when the first changes and the second is not configured, the second is
   * unknown in the plan, and apply reports the cloud's value.
   */
  readonly aliases?: readonly (readonly [string, string])[];
  /** The attribute an SLB error code is about, so Terraform points at it. */
  readonly errorAttributes?: Readonly<Record<string, string>>;
  validate?(config: CtyObject): AttributeProblem[];
  /**
   * What the SDK plans that Terraform's proposal lacks: the Go schema's Defaults of unset attributes (the
   * schema JSON carries none), an Optional+Computed block's prior value; given the configuration and the
   * prior state (null on a create).
   */
  plannedValues?(config: CtyObject, prior: CtyObject | null): CtyObject;
  /** Create, then whatever the Go Create calls after it; the new state, or null when its final Read found nothing. */
  create(client: SlbClient, planned: CtyObject): Promise<CtyObject | null>;
  /** The state as the cloud has it now; null when it is gone. */
  read(client: SlbClient, prior: CtyObject): Promise<CtyObject | null>;
  /** Changes it in place; the new state, or null when its final Read found nothing. */
  update(client: SlbClient, prior: CtyObject, planned: CtyObject): Promise<CtyObject | null>;
  delete(client: SlbClient, prior: CtyObject): Promise<void>;
}

export interface DataSource {
  validate?(config: CtyObject): AttributeProblem[];
  read(client: SlbClient, config: CtyObject): Promise<CtyObject>;
}

/**
 * An apply that failed after it changed something. Terraform keeps `state`: the
 * SDK saves what the Go code had recorded (the ID set by Create; under
 * d.Partial, the prior values except the attributes already applied). A create
 * that fails this way leaves its object tainted.
 */
export class PartialApply extends Error {
  constructor(
    public readonly state: CtyObject,
    public readonly cause: unknown,
  ) {
    super(cause instanceof Error ? cause.message : String(cause));
  }
}

/** Runs `step`; a failure becomes PartialApply with the state known so far. */
export async function keepingState<T>(state: () => CtyObject, step: () => Promise<T>): Promise<T> {
  try {
    return await step();
  } catch (error) {
    if (error instanceof PartialApply) throw error;
    throw new PartialApply(state(), error);
  }
}
