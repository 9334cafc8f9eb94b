/**
 * The environment every cdktf run gets.
 *
 * - CHECKPOINT_DISABLE: cdktf and terraform otherwise phone home on start.
 * - TF_CLI_CONFIG_FILE pointing at a missing file makes terraform print a
 *   warning on every call (and some CI images set it that way): drop it. A
 *   file that exists (e.g. the local provider's mirror config) is kept.
 * - CI=true when the output is not a terminal: cdktf then prints plain lines
 *   instead of spinner frames.
 * - FORCE_COLOR=0 when colour is not wanted (terminal.ts): cdktf then passes
 *   -no-color to terraform, so a log holds no escape codes.
 * - CDKTF_DISABLE_PLUGIN_CACHE_ENV: otherwise every cdktf command (synth and
 *   get included) creates ~/.terraform.d/plugin-cache and points terraform at
 *   it; nothing these commands run may write to the user's home. A user who
 *   wants a plugin cache sets TF_PLUGIN_CACHE_DIR, which terraform honours.
 */
import * as fs from "fs";
import { colourWanted } from "./terminal";

/**
 * The environment for cdktf, from `base`. `interactive`: whether cdktf's
 * output reaches a terminal (CI and colour follow it).
 */
export function cdktfEnv(base: NodeJS.ProcessEnv = process.env, interactive: boolean = Boolean(process.stdout.isTTY)): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...base, CHECKPOINT_DISABLE: "1", DISABLE_VERSION_CHECK: "true" };
  if (env.TF_CLI_CONFIG_FILE && !fs.existsSync(env.TF_CLI_CONFIG_FILE)) {
    delete env.TF_CLI_CONFIG_FILE;
  }
  if (!interactive && !env.CI) env.CI = "true";
  if (!colourWanted(base, interactive)) env.FORCE_COLOR = "0";
  if (env.CDKTF_DISABLE_PLUGIN_CACHE_ENV === undefined) env.CDKTF_DISABLE_PLUGIN_CACHE_ENV = "1";
  return env;
}
