/** Test helper: an app and a stack with the alicloud provider, as nearly every construct test starts. */
import { App, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../../.gen/providers/alicloud/provider";
import { tempDir } from "./temp-dir";

/** Where a test stack lives and which region its provider names. */
export interface TestStackOptions {
  /**
   * The app the stack goes in.
   * @default - a fresh testApp()
   */
  readonly app?: App;
  /**
   * The provider's region.
   * @default "cn-hangzhou"
   */
  readonly region?: string;
}

/**
 * Testing.app(), with its output folder made by tempDir and so removed after
 * the test file's tests. Testing.app() alone makes a `cdktf.outdir.*` folder in
 * the system's temporary folder on every call and never removes it.
 */
export function testApp(): App {
  return Testing.app({ outdir: tempDir("cdktf-test-app-") });
}

/** A stack `id` with the default alicloud provider (id "alicloud"). */
export function newStack(id = "pki", options: TestStackOptions = {}): TerraformStack {
  const stack = new TerraformStack(options.app ?? testApp(), id);
  new AlicloudProvider(stack, "alicloud", { region: options.region ?? "cn-hangzhou" });
  return stack;
}
