import { LocalBackend, OssBackend, TerraformStack } from "cdktf";
import { OssStateConfig } from "./config";

/**
 * Gives a stack its backend: OSS when configured (teams, CI), else a local
 * state file in the project folder. The local path is relative to the stack's
 * working directory (cdktf.out/stacks/<stack>), so the synthesized JSON holds
 * no absolute path and is the same on every machine.
 */
export function addBackend(stack: TerraformStack, oss: OssStateConfig | undefined): void {
  const name = stack.node.id;
  if (!oss) {
    new LocalBackend(stack, { path: `../../../terraform.${name}.tfstate` });
    return;
  }
  new OssBackend(stack, {
    bucket: oss.bucket,
    region: oss.region,
    prefix: `${oss.prefix}/${name}`,
    key: "terraform.tfstate",
    encrypt: true,
    tablestoreEndpoint: oss.tablestoreEndpoint,
    tablestoreTable: oss.tablestoreTable,
  });
}
