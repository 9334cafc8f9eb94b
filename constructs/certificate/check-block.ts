/**
 * A Terraform `check` block (Terraform 1.5+), which cdktf 0.21 and cdktn 0.24
 * have no class for. Built on TerraformElement.toTerraform, public API in both:
 * the stack merges what each element returns into its JSON.
 * Internal: not exported from the package.
 */
import { TerraformElement } from "cdktf";
import { Construct } from "constructs";

/** One `assert` of a check block: Terraform expressions, evaluated at every plan and apply. */
export interface CheckAssertion {
  /** A Terraform expression in `${...}` that is true when all is well. */
  readonly condition: string;
  /** What Terraform prints as a warning when the condition is false; may interpolate `${...}`. */
  readonly errorMessage: string;
}

/**
 * A check block named after this element's logical ID. A failed assertion is a
 * warning ("Check block assertion failed"), never an error, and it does not
 * change the plan: `terraform plan -detailed-exitcode` still exits 0 with no
 * changes. (A data source nested in the block would be read again at every
 * apply and make every plan show a change; callers reference data sources
 * declared outside it instead.)
 *
 * cdktf's HCL output (`hclOutput: true`) has no renderer for check blocks and
 * leaves them out; JSON output, the default, keeps them.
 */
export class CheckBlock extends TerraformElement {
  private readonly assertions: () => CheckAssertion[];

  /**
   * @param scope where the element lives
   * @param id its construct id
   * @param assertions made at synth time, when every logical ID is final
   */
  constructor(scope: Construct, id: string, assertions: () => CheckAssertion[]) {
    super(scope, id);
    this.assertions = assertions;
  }

  public override toTerraform(): unknown {
    const assert = this.assertions().map((a) => ({ condition: a.condition, error_message: a.errorMessage }));
    return { check: { [this.friendlyUniqueId]: { assert } } };
  }
}
