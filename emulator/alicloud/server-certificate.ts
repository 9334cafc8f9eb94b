/**
 * alicloud_slb_server_certificate, as alicloud/resource_alicloud_slb_server_certificate.go
 * does it at v1.257.0 (all through alibaba-cloud-sdk-go, whose own retry is off):
 *
 * - Create: UploadServerCertificate (not retried), the ID set, then Update.
 * - Update: setInstanceTags on every call; on a new certificate Read at once,
 *   else SetServerCertificateName when the name changed (not retried), then Read.
 * - Read: ListTagResources first, then DescribeServerCertificates; nothing found clears the ID.
 * - Delete: DeleteServerCertificate, retried for 3 minutes while a listener uses
 *   it; not found is done; then one Describe, whose answer is not checked
 *   (WaitForSlbServerCertificate returns as soon as it finds the certificate or not).
 */
import { deleteServerCertificate, describeServerCertificates, setServerCertificateName, uploadServerCertificate } from "../api/server-certificates";
import { CtyObject } from "../cty";
import { AttributeProblem, ManagedResource, keepingState } from "./resource";
import { isExpectedError, resourceRetry } from "./retry";
import { LEGACY, SlbClient } from "./slb-client";
import { listTags, setInstanceTags } from "./slb-service";
import { fillUnknowns, getOk, hasChange, str, tagIgnored, tagsRead } from "./values";

async function read(client: SlbClient, state: CtyObject): Promise<CtyObject | null> {
  const id = str(state.id)!;
  const tags = (await listTags(client, "certificate", id)).filter((t) => !tagIgnored(t.TagKey)).map((t) => ({ Key: t.TagKey, Value: t.TagValue }));
  const [record] = await client.request(LEGACY, (a) => describeServerCertificates(a, { RegionId: client.region, ServerCertificateId: id }));
  if (!record || record.ServerCertificateId !== id) return null;
  return {
    ...state,
    name: record.ServerCertificateName,
    resource_group_id: record.ResourceGroupId || (state.resource_group_id ?? null),
    tags: tagsRead(state.tags, tags),
  };
}

async function update(client: SlbClient, id: string, prior: CtyObject | null, planned: CtyObject): Promise<CtyObject | null> {
  let saved: CtyObject = prior ?? { ...fillUnknowns(planned, {}), id, tags: null };
  await keepingState(
    () => saved,
    () => setInstanceTags(client, "certificate", id, prior, planned),
  );
  saved = { ...saved, tags: planned.tags };
  const name = str(planned.name);
  if (prior !== null && hasChange(prior, planned, "name")) {
    await keepingState(
      () => saved,
      () => client.request(LEGACY, (a) => setServerCertificateName(a, { RegionId: client.region, ServerCertificateId: id, ServerCertificateName: name ?? "" })),
    );
  }
  const after = await keepingState(
    () => saved,
    () => read(client, fillUnknowns(planned, { id })),
  );
  return after === null ? null : fillUnknowns(planned, after);
}

export const serverCertificate: ManagedResource = {
  forceNew: [
    "server_certificate",
    "private_key",
    "alicloud_certificate_id",
    "alicloud_certifacte_id",
    "alicloud_certificate_name",
    "alicloud_certifacte_name",
    "alicloud_certificate_region_id",
    "resource_group_id",
  ],
  errorAttributes: {
    "MissingParam.TagKey": "tags",
    "InvalidParam.TagKey": "tags",
    "InvalidParam.TagValue": "tags",
    "SizeLimitExceeded.Tag": "tags",
    CertificateFormatInvalid: "server_certificate",
    EccCertificateNotSupport: "server_certificate",
    "OperationDenied.IllegalKeyLength": "server_certificate",
    PrivateKeyFormatInvalid: "private_key",
    CertificateAndPrivateKeyIsNotMatch: "private_key",
    "EntityNotExists.ResourceGroup": "resource_group_id",
  },
  validate(config): AttributeProblem[] {
    if (config.server_certificate === null && config.alicloud_certificate_id === null) {
      return [
        {
          attribute: "server_certificate",
          summary: "Missing certificate",
          detail: "Set server_certificate and private_key (certificates from the SSL Certificates Service are not emulated).",
        },
      ];
    }
    return [];
  },
  async create(client, planned) {
    const record = await client.request(LEGACY, (a) =>
      uploadServerCertificate(a, {
        RegionId: client.region,
        ServerCertificateName: getOk<string>(planned.name),
        ServerCertificate: getOk<string>(planned.server_certificate) ?? "",
        PrivateKey: getOk<string>(planned.private_key) ?? "",
        ResourceGroupId: getOk<string>(planned.resource_group_id),
      }),
    );
    return update(client, record.ServerCertificateId, null, planned);
  },
  read(client, prior) {
    return read(client, prior);
  },
  update(client, prior, planned) {
    return update(client, str(prior.id)!, prior, planned);
  },
  async delete(client, prior) {
    const id = str(prior.id)!;
    try {
      await resourceRetry({ retryable: (e) => isExpectedError(e, ["CertificateAndPrivateKeyIsRefered"], "legacy"), timeoutMs: 3 * 60_000 }, () =>
        client.request(LEGACY, (a) => deleteServerCertificate(a, { RegionId: client.region, ServerCertificateId: id })),
      );
    } catch (error) {
      if (isExpectedError(error, ["ServerCertificateId.NotFound"], "legacy")) return;
      throw error;
    }
    // WaitForSlbServerCertificate(id, Deleted, …): one Describe. Its loop ends on "not found" (Deleted) and
    // also on finding the certificate (`object.ServerCertificateId == id` breaks out): only another error fails.
    await client.request(LEGACY, (a) => describeServerCertificates(a, { RegionId: client.region, ServerCertificateId: id }));
  },
};
