/**
 * Resource groups the account knows: its default one, and those made with
 * Resource Manager's CreateResourceGroup (`npm run local-cloud --
 * create-resource-group NAME`). SLB actions that take a ResourceGroupId refuse
 * one the account does not know.
 */
import { Account, ResourceGroupRecord, call, randomChars } from "../account";
import { SlbError } from "../slb-error";

/** Every resource group of the account, the default one first. */
export function resourceGroups(account: Account): ResourceGroupRecord[] {
  return [{ ResourceGroupId: account.defaultResourceGroupId, Name: "default" }, ...(account.resourceGroups ?? [])];
}

/**
 * The resource group a new object joins: the one asked for, or the default.
 * An ID the account does not know is refused with the error Resource Manager's
 * API reference documents for it (GetResourceGroup: 404
 * EntityNotExists.ResourceGroup); which code SLB itself returns is not
 * documented (see CONFORMANCE.md).
 */
export function resourceGroupFor(account: Account, requested: string | undefined): string {
  if (!requested) return account.defaultResourceGroupId;
  if (!resourceGroups(account).some((g) => g.ResourceGroupId === requested)) {
    throw new SlbError(
      "EntityNotExists.ResourceGroup",
      `The specified resource group ${requested} does not exist. You must first create a resource group.`,
      404,
    );
  }
  return requested;
}

/**
 * Resource Manager's CreateResourceGroup (help doc 158865): the name, its unique identifier, has 3 to 12
 * letters, digits and hyphens and starts with a letter; unique in the account (the error codes are the emulator's).
 */
export function createResourceGroup(account: Account, req: { Name: string }): ResourceGroupRecord {
  return call(account, "CreateResourceGroup", { ...req }, () => {
    if (!/^[A-Za-z][A-Za-z0-9-]{2,11}$/.test(req.Name)) {
      throw new SlbError(
        "InvalidParameter.Name",
        `The name ${JSON.stringify(req.Name)} is invalid: 3 to 12 letters, digits and hyphens, starting with a letter.`,
      );
    }
    if (resourceGroups(account).some((g) => g.Name === req.Name)) {
      throw new SlbError("InvalidParameter.Name.Duplicate", `A resource group named ${JSON.stringify(req.Name)} exists already.`);
    }
    const record: ResourceGroupRecord = { ResourceGroupId: `rg-acfm${randomChars(11)}`, Name: req.Name };
    account.resourceGroups = [...(account.resourceGroups ?? []), record];
    return record;
  });
}
