/**
 * Which construct owns each Terraform output name, per stack, so that two
 * CaCertificates never write outputs of the same name. Output names flatten
 * the path ("team/ClientCa" and "team_ClientCa" both give "team_ClientCa_..."),
 * and a second output with the same name silently replaces the first: this
 * registry turns that into the error `CACertificate.OutputNameCollision`,
 * naming both paths. It lives apart from the construct because it is state
 * shared by every certificate of a stack.
 */
import { TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { problem, ruleMessage } from "../problems";

/** Which construct owns each output name, per stack. */
const outputOwnersByStack = new WeakMap<TerraformStack, Map<string, IConstruct>>();

/**
 * Registers `owner`'s output names in its stack; a name already taken fails synth
 * (a validation on `owner`), naming both paths, and registers none of them.
 * @param prefix what the names start with, for the message (`<prefix>_*`)
 * @param names every output name `owner` adds
 */
export function claimOutputNames(owner: IConstruct, prefix: string, names: readonly string[]): void {
  const stack = TerraformStack.of(owner);
  let owners = outputOwnersByStack.get(stack);
  if (!owners) outputOwnersByStack.set(stack, (owners = new Map()));
  const other = names.map((name) => owners!.get(name)).find((taken) => taken !== undefined);
  if (other) {
    const message = ruleMessage(
      problem(
        "CACertificate.OutputNameCollision",
        `the outputs of ${owner.node.path} would be named ${prefix}_*, like those of ${other.node.path}, and would replace them. Rename one of the two constructs, or set outputs: false on one.`,
      ),
    );
    owner.node.addValidation({ validate: () => [message] });
    return;
  }
  for (const name of names) owners.set(name, owner);
}
