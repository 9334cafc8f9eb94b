/** Test helper: a stack with the alicloud provider, as nearly every construct test starts. */
import { App, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";

/** Where a test stack lives and which region its provider names. */
export interface TestStackOptions {
  /**
   * The app the stack goes in.
   * @default - a fresh Testing.app()
   */
  readonly app?: App;
  /**
   * The provider's region.
   * @default "cn-hangzhou"
   */
  readonly region?: string;
}

/** A stack `id` with the default alicloud provider (id "alicloud"). */
export function newStack(id = "pki", options: TestStackOptions = {}): TerraformStack {
  const stack = new TerraformStack(options.app ?? Testing.app(), id);
  new AlicloudProvider(stack, "alicloud", { region: options.region ?? "cn-hangzhou" });
  return stack;
}
