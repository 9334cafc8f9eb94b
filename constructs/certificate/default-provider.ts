/**
 * Which alicloud provider (and so which region) a CaCertificate uploads with:
 * the one it was given, or its stack's default alicloud provider (the one
 * without an alias). It lives apart from the construct because the answer is
 * shared by every certificate of a stack and remembered per stack: a walk of
 * the whole stack per certificate made synth quadratic in the number of
 * certificates (bench/README.md, finding 1).
 */
import { TerraformProvider, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";

function isAlicloudProvider(construct: IConstruct): construct is TerraformProvider {
  return construct instanceof TerraformProvider && construct.terraformResourceType === "alicloud";
}

/**
 * Each stack's default alicloud provider, found once and shared by every
 * certificate in it. Only a found provider is remembered: it cannot go away,
 * and a second default alicloud provider in one stack is an error Terraform
 * reports anyway.
 */
const defaultProviderByStack = new WeakMap<TerraformStack, TerraformProvider>();

/** The `region` a provider sets; generated AlicloudProvider bindings expose it as a property. */
export function regionOf(provider: TerraformProvider): string | undefined {
  return (provider as TerraformProvider & { region?: string }).region;
}

/** The provider a certificate uploads with: the explicit one, or the stack's default alicloud provider. */
export function findProvider(scope: IConstruct, explicit?: TerraformProvider): TerraformProvider | undefined {
  if (explicit) return explicit;
  const stack = TerraformStack.of(scope);
  const known = defaultProviderByStack.get(stack);
  if (known) return known;
  const found = stack.node.findAll().find((c): c is TerraformProvider => isAlicloudProvider(c) && c.alias === undefined);
  if (found) defaultProviderByStack.set(stack, found);
  return found;
}
