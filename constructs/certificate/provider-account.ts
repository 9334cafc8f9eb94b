/**
 * Whether two alicloud providers surely reach the same account's SLB, as far
 * as synth can know: the orphan checks of two certificates see each other
 * only then (orphan-check-siblings.ts). The providers are read as Terraform
 * gets them (toTerraform, overrides included), not through a binding's
 * getters: other languages bring their own generated AlicloudProvider class.
 * Internal: not exported from the package.
 */
import { TerraformProvider, Token, Tokenization } from "cdktf";

type Block = Record<string, unknown>;

/**
 * The provider settings that choose the account (credentials, profile, roles,
 * account ID) or the SLB endpoint, as paths into the provider block. The rest
 * (region apart, which is compared on its own; timeouts, protocol, session
 * names, policies) does not change whose certificates SLB lists.
 */
const ACCOUNT_SETTINGS: readonly (readonly string[])[] = [
  ["access_key"],
  ["account_id"],
  ["profile"],
  ["shared_credentials_file"],
  ["ecs_role_name"],
  ["credentials_uri"],
  ["assume_role", "role_arn"],
  ["assume_role_with_oidc", "role_arn"],
  ["assume_role_with_oidc", "oidc_provider_arn"],
  // Another SLB endpoint is another SLB, whatever the account.
  ["endpoints", "slb"],
];

/** Whether a value is, or holds, a token (unknown at synth). */
function hasToken(value: unknown): boolean {
  if (typeof value === "string") return Token.isUnresolved(value);
  if (Tokenization.isResolvable(value)) return true;
  if (Array.isArray(value)) return value.some(hasToken);
  if (value !== null && typeof value === "object") return Object.values(value).some(hasToken);
  return false;
}

/** The provider's block as Terraform gets it. */
function blockOf(provider: TerraformProvider): Block {
  const blocks = (provider.toTerraform() as { provider?: Record<string, Block[]> }).provider?.[provider.terraformResourceType];
  return blocks?.[0] ?? {};
}

/** The value at a path of a block; a list of blocks (endpoints, or an override written as one) reads its first one. */
function settingAt(block: Block, settingPath: readonly string[]): unknown {
  let value: unknown = block;
  for (const key of settingPath) {
    if (Array.isArray(value)) value = value[0];
    if (value === null || typeof value !== "object" || hasToken(value)) return value;
    value = (value as Block)[key];
  }
  return value ?? null;
}

/**
 * True when `a` and `b` are one provider, or both set the same literal account
 * settings (ACCOUNT_SETTINGS, every one unset in both counting as equal);
 * false when any of them differs, or is a token in either (it may differ).
 */
export function sameAccount(a: TerraformProvider, b: TerraformProvider): boolean {
  if (a === b) return true;
  const [blockA, blockB] = [blockOf(a), blockOf(b)];
  return ACCOUNT_SETTINGS.every((settingPath) => {
    const [valueA, valueB] = [settingAt(blockA, settingPath), settingAt(blockB, settingPath)];
    return !hasToken(valueA) && !hasToken(valueB) && JSON.stringify(valueA) === JSON.stringify(valueB);
  });
}
