/**
 * alicloud_slb_ca_certificate, as alicloud/resource_alicloud_slb_ca_certificate.go
 * does it at v1.257.0:
 *
 * - Create: UploadCACertificate without tags, the ID set, then Update.
 * - Update: SetResourceTags when tags changed; SetCACertificateName only when
 *   the name changed on an existing certificate; then Read.
 * - Read: DescribeSlbCaCertificate; nothing found clears the ID.
 * - Delete: DeleteCACertificate, retried while SLB is busy; not found is done.
 */
import { CaCertificateRecord } from "../account";
import { deleteCaCertificate, describeCaCertificates, setCaCertificateName, uploadCaCertificate } from "../api/ca-certificates";
import { CtyObject } from "../cty";
import { ManagedResource, keepingState } from "./resource";
import { DEFAULT_TIMEOUT_MS, isExpectedError, needRetry, resourceRetry } from "./retry";
import { SlbClient, TEA, TEA_AUTO_RETRY } from "./slb-client";
import { setResourceTags } from "./slb-service";
import { fillUnknowns, getOk, hasChange, str, tagIgnored, tagsRead } from "./values";
import { goDuration } from "./waits";

/** Create and SetCACertificateName: NeedRetry, incrementalWait(3s, 3s), d.Timeout(Create/Update) = 20 minutes (none declared). */
const NEED_RETRY_3S = { retryable: (e: unknown) => needRetry(e, "tea"), wait: [3000, 3000] as const, timeoutMs: DEFAULT_TIMEOUT_MS };

/** The codes Delete retries besides NeedRetry's. */
const DELETE_RETRIED = ["BackendServer.configuring", "OperationBusy", "ServiceIsConfiguring", "ServiceIsStopping", "SystemBusy"];

/**
 * SlbService.DescribeSlbCaCertificate: DescribeCACertificates by ID (Tea client
 * with autoRetry; NeedRetry with incrementalWait(3s, 3s) for 5 minutes). The
 * first certificate of the answer, if it has that ID; else not found.
 */
export async function describeSlbCaCertificate(client: SlbClient, id: string): Promise<CaCertificateRecord | undefined> {
  const found = await resourceRetry({ ...NEED_RETRY_3S, timeoutMs: 5 * 60_000 }, () =>
    client.request(TEA_AUTO_RETRY, (a) => describeCaCertificates(a, { RegionId: client.region, CACertificateId: id })),
  );
  return found[0]?.CACertificateId === id ? found[0] : undefined;
}

/** Read: what the Go Read sets (name, the deprecated name, resource group, tags without the cloud's own); never ca_certificate. */
async function read(client: SlbClient, state: CtyObject): Promise<CtyObject | null> {
  const record = await describeSlbCaCertificate(client, str(state.id)!);
  if (!record) return null;
  return {
    ...state,
    ca_certificate_name: record.CACertificateName,
    name: record.CACertificateName,
    resource_group_id: record.ResourceGroupId,
    tags: tagsRead(
      state.tags,
      record.Tags.filter((t) => !tagIgnored(t.Key)),
    ),
  };
}

/** Update from `prior` (null on the Create path) to `planned`, on the certificate `id`; the new state or null. */
async function update(client: SlbClient, id: string, prior: CtyObject | null, planned: CtyObject): Promise<CtyObject | null> {
  // Under d.Partial(true) a failure keeps the prior values but those already applied.
  let saved: CtyObject = prior ?? { ...fillUnknowns(planned, {}), id, tags: null };
  await keepingState(
    () => saved,
    () => setResourceTags(client, "certificate", id, prior, planned),
  );
  saved = { ...saved, tags: planned.tags };
  if (prior !== null) {
    const changed = hasChange(prior, planned, "ca_certificate_name")
      ? str(planned.ca_certificate_name)
      : hasChange(prior, planned, "name")
        ? str(planned.name)
        : undefined;
    if (changed !== undefined) {
      await keepingState(
        () => saved,
        () =>
          resourceRetry(NEED_RETRY_3S, () =>
            client.request(TEA, (a) => setCaCertificateName(a, { CACertificateId: id, CACertificateName: changed, RegionId: client.region })),
          ),
      );
      saved = { ...saved, ca_certificate_name: planned.ca_certificate_name, name: planned.name };
    }
  }
  const state = fillUnknowns(planned, { id });
  const after = await keepingState(
    () => saved,
    () => read(client, state),
  );
  return after === null ? null : fillUnknowns(planned, after);
}

export const caCertificate: ManagedResource = {
  forceNew: ["ca_certificate", "resource_group_id"],
  aliases: [
    ["ca_certificate_name", "name"],
    ["name", "ca_certificate_name"],
  ],
  errorAttributes: {
    "MissingParam.TagKey": "tags",
    "InvalidParam.TagKey": "tags",
    "InvalidParam.TagValue": "tags",
    "SizeLimitExceeded.Tag": "tags",
    CertificateFormatInvalid: "ca_certificate",
    EccCertificateNotSupport: "ca_certificate",
    "OperationDenied.IllegalKeyLength": "ca_certificate",
    InvalidParameter: "ca_certificate_name",
    "EntityNotExists.ResourceGroup": "resource_group_id",
  },
  async create(client, planned) {
    const record = await resourceRetry(NEED_RETRY_3S, () =>
      client.request(TEA, (a) =>
        uploadCaCertificate(a, {
          CACertificate: str(planned.ca_certificate) ?? "",
          CACertificateName: getOk<string>(planned.ca_certificate_name) ?? getOk<string>(planned.name),
          RegionId: client.region,
          ResourceGroupId: getOk<string>(planned.resource_group_id),
        }),
      ),
    );
    return update(client, record.CACertificateId, null, planned);
  },
  read(client, prior) {
    return read(client, prior);
  },
  update(client, prior, planned) {
    return update(client, str(prior.id)!, prior, planned);
  },
  async delete(client, prior) {
    const timeouts = prior.timeouts as CtyObject | null | undefined;
    const timeoutMs = goDuration(str(timeouts?.delete)) ?? 5 * 60_000;
    try {
      await resourceRetry({ retryable: (e) => isExpectedError(e, DELETE_RETRIED, "tea") || needRetry(e, "tea"), wait: [3000, 5000], timeoutMs }, () =>
        client.request(TEA, (a) => deleteCaCertificate(a, { CACertificateId: str(prior.id)!, RegionId: client.region })),
      );
    } catch (error) {
      if (!isExpectedError(error, ["CACertificateId.NotFound"], "tea")) throw error;
    }
  },
};
