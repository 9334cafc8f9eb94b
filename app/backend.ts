import { LocalBackend, TerraformStack } from "cdktf";
import { OssState } from "../constructs";
import { OssStateConfig } from "./config";

/**
 * Gives a stack its backend: OSS when configured (teams, CI), in the layout
 * other teams read with `OssState.remoteStateOf`, else a local state file in
 * the project folder. The local path is relative to the stack's working
 * directory (cdktf.out/stacks/<stack>), so the synthesized JSON holds no
 * absolute path and is the same on every machine.
 */
export function addBackend(stack: TerraformStack, oss: OssStateConfig | undefined): void {
  if (!oss) {
    new LocalBackend(stack, { path: `../../../terraform.${stack.node.id}.tfstate` });
    return;
  }
  new OssState(oss).addBackend(stack);
}
