/**
 * SLB's CA certificate actions: UploadCACertificate, DescribeCACertificates,
 * SetCACertificateName, DeleteCACertificate (API reference, SLB 2014-05-15).
 */
import { randomInt } from "crypto";
import { Account, CaCertificateRecord, Tag, call, isoSeconds } from "../account";
import { lag } from "../lag";
import { SlbError } from "../slb-error";
import { parseOneCertificate } from "./pem-certificate";
import { resourceGroupFor } from "./resource-groups";
import { UPLOAD_CA_CERTIFICATE_TAGS, checkTags } from "./tag-rules";

/**
 * CA certificate IDs as Alibaba's API reference shows them: `139a00604ad-cn-east-hangzhou-01`
 * (UploadCACertificate, help doc 34935: `139a0******`; DescribeCACertificates, help doc 34938:
 * `139a00604bd-cn-east-hangzhou-02`): 11 hex digits, `-`, the region, `-`, two digits. The
 * emulator takes the 11 digits from the clock in ms (hex) and the last two at random; unique
 * within the account.
 */
function caCertificateId(account: Account, regionId: string): string {
  for (;;) {
    const id = `${Date.now().toString(16).padStart(11, "0").slice(-11)}-${regionId}-${String(randomInt(1, 100)).padStart(2, "0")}`;
    if (!account.caCertificates.some((c) => c.CACertificateId === id)) return id;
  }
}

function hasTags(own: Tag[], wanted: Tag[] | undefined): boolean {
  return (wanted ?? []).every((w) => own.some((t) => t.Key === w.Key && t.Value === w.Value));
}

export interface UploadCaCertificateRequest {
  readonly RegionId: string;
  readonly CACertificate: string;
  readonly CACertificateName?: string;
  readonly ResourceGroupId?: string;
  readonly Tag?: Tag[];
}

export function uploadCaCertificate(account: Account, req: UploadCaCertificateRequest): CaCertificateRecord {
  const { CACertificate, ...shown } = req;
  return call(account, "UploadCACertificate", shown, () => {
    const parsed = parseOneCertificate(CACertificate);
    checkTags(req.Tag ?? [], UPLOAD_CA_CERTIFICATE_TAGS);
    const resourceGroupId = resourceGroupFor(account, req.ResourceGroupId);
    const now = Date.now();
    const { visibilityMs } = lag();
    const record: CaCertificateRecord = {
      CACertificateId: caCertificateId(account, req.RegionId),
      CACertificateName: req.CACertificateName ?? "",
      Fingerprint: parsed.fingerprint,
      CommonName: parsed.commonName,
      ExpireTime: isoSeconds(parsed.expireTimeStamp),
      ExpireTimeStamp: parsed.expireTimeStamp,
      CreateTime: isoSeconds(now),
      CreateTimeStamp: now,
      ResourceGroupId: resourceGroupId,
      RegionId: req.RegionId,
      Tags: [...(req.Tag ?? [])],
      CACertificate: CACertificate,
      ...(visibilityMs > 0 ? { VisibleAt: now + visibilityMs } : {}),
    };
    account.caCertificates.push(record);
    return record;
  });
}

export interface DescribeCaCertificatesRequest {
  readonly RegionId: string;
  readonly CACertificateId?: string;
  readonly ResourceGroupId?: string;
  readonly Tag?: Tag[];
}

/** DescribeCACertificates: the region's certificates that match every filter given; an empty CACertificateId filters nothing. */
export function describeCaCertificates(account: Account, req: DescribeCaCertificatesRequest): CaCertificateRecord[] {
  return call(account, "DescribeCACertificates", { ...req }, () => {
    // CACertificateId may list several IDs, comma-separated.
    const ids = req.CACertificateId ? req.CACertificateId.split(",") : undefined;
    const now = Date.now();
    return account.caCertificates.filter(
      (c) =>
        c.RegionId === req.RegionId &&
        (c.VisibleAt === undefined || c.VisibleAt <= now) &&
        (!ids || ids.includes(c.CACertificateId)) &&
        (!req.ResourceGroupId || c.ResourceGroupId === req.ResourceGroupId) &&
        hasTags(c.Tags, req.Tag),
    );
  });
}

export function findCaCertificate(account: Account, regionId: string, id: string): CaCertificateRecord {
  const found = account.caCertificates.find((c) => c.CACertificateId === id && c.RegionId === regionId);
  if (!found) throw new SlbError("CACertificateId.NotFound", `The CA certificate ${id} does not exist in ${regionId}.`, 404);
  return found;
}

export function setCaCertificateName(account: Account, req: { RegionId: string; CACertificateId: string; CACertificateName: string }): void {
  call(account, "SetCACertificateName", { ...req }, () => {
    if (!/^[a-zA-Z\u4e00-\u9fa5][\w.\-\u4e00-\u9fa5]{0,79}$/.test(req.CACertificateName)) {
      throw new SlbError(
        "InvalidParameter",
        `The CACertificateName ${JSON.stringify(req.CACertificateName)} is invalid: 1 to 80 characters, starting with a letter or Chinese character; digits, ".", "_" and "-" allowed.`,
      );
    }
    findCaCertificate(account, req.RegionId, req.CACertificateId).CACertificateName = req.CACertificateName;
  });
}

/** The listeners that use the certificate: those pointing at it, and (SLB_EMULATOR_LAG release) those that let go of it too recently. */
function users(account: Account, id: string): string[] {
  const now = Date.now();
  account.caReleases = (account.caReleases ?? []).filter((r) => r.Until > now);
  const current = account.listeners.filter((l) => l.CACertificateId === id).map((l) => l.ListenerId);
  const releasing = account.caReleases.filter((r) => r.CACertificateId === id).map((r) => r.ListenerId);
  return [...new Set([...current, ...releasing])];
}

export function deleteCaCertificate(account: Account, req: { RegionId: string; CACertificateId: string }): void {
  call(account, "DeleteCACertificate", { ...req }, () => {
    findCaCertificate(account, req.RegionId, req.CACertificateId);
    const using = users(account, req.CACertificateId);
    if (using.length > 0) {
      throw new SlbError("CertificateAndPrivateKeyIsRefered", `The CA certificate ${req.CACertificateId} is used by listener(s) ${using.join(", ")}.`);
    }
    account.caCertificates = account.caCertificates.filter((c) => c.CACertificateId !== req.CACertificateId);
  });
}

/** A listener let go of a CA certificate: with SLB_EMULATOR_LAG release, the release arrives late. */
export function releaseCaCertificate(account: Account, caCertificateId: string | undefined, listenerId: string): void {
  const { releaseMs } = lag();
  if (!caCertificateId || releaseMs <= 0) return;
  account.caReleases = [...(account.caReleases ?? []), { CACertificateId: caCertificateId, ListenerId: listenerId, Until: Date.now() + releaseMs }];
}
