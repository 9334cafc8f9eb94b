/**
 * `slb-local-cloud env [--json]`: the variables that make plain `cdktf deploy`
 * or `terraform init/plan/apply` use the local provider, for a shell
 * (`eval "$(npx slb-local-cloud env)"`) or as JSON. Teams that write HCL for
 * SLB test against the local provider with them too.
 */

/** What `env` sets, in this order, and what it unsets. */
export const ENV_SET = ["TF_CLI_CONFIG_FILE", "SLB_LOCAL_CLOUD_DIR", "SLB_EMULATOR_STATE", "CDKTF_DISABLE_PLUGIN_CACHE_ENV", "CHECKPOINT_DISABLE"] as const;
export const ENV_UNSET = ["TF_PLUGIN_CACHE_DIR"] as const;

/** A value quoted for a POSIX shell. */
function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/** The output of `env` for `localEnv` (localCloudEnv's result). */
export function envOutput(localEnv: NodeJS.ProcessEnv, json: boolean): string {
  const set = Object.fromEntries(ENV_SET.map((name) => [name, localEnv[name] ?? ""]));
  if (json) return `${JSON.stringify({ set, unset: ENV_UNSET }, null, 2)}\n`;
  return [
    '# The local SLB provider for plain terraform and cdktf: eval "$(npx slb-local-cloud env)".',
    "# cdktf deploy also needs --skip-provider-lock (its `terraform providers lock` asks the registry, past the mirror).",
    ...ENV_SET.map((name) => `export ${name}=${shellQuote(set[name])}`),
    ...ENV_UNSET.map((name) => `unset ${name}`),
    "",
  ].join("\n");
}
