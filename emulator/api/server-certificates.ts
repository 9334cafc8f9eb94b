/**
 * SLB's server certificate actions: UploadServerCertificate,
 * DescribeServerCertificates, SetServerCertificateName, DeleteServerCertificate.
 */
import { createPrivateKey, randomInt } from "crypto";
import { Account, ServerCertificateRecord, call, isoSeconds } from "../account";
import { SlbError } from "../slb-error";
import { PEM_BLOCK, parseOneCertificate } from "./pem-certificate";
import { resourceGroupFor } from "./resource-groups";

/** Server certificate IDs: `<account>_<ms in hex>_<int>_<int>` (the emulator's first form; no document cited for it). */
function certificateId(account: Account): string {
  return `${account.accountId}_${Date.now().toString(16)}_${randomInt(0, 2 ** 31 - 1)}_${randomInt(0, 2 ** 31 - 1)}`;
}

export interface UploadServerCertificateRequest {
  readonly RegionId: string;
  readonly ServerCertificate: string;
  readonly PrivateKey: string;
  readonly ServerCertificateName?: string;
  readonly ResourceGroupId?: string;
}

export function uploadServerCertificate(account: Account, req: UploadServerCertificateRequest): ServerCertificateRecord {
  const { ServerCertificate, PrivateKey, ...shown } = req;
  return call(account, "UploadServerCertificate", shown, () => {
    // A chain is allowed here: the server certificate first, then its issuers.
    const first = (ServerCertificate ?? "").match(PEM_BLOCK)?.[0];
    if (!first) throw new SlbError("CertificateFormatInvalid", "The server certificate is not PEM.");
    const parsed = parseOneCertificate(first);
    let matches = false;
    try {
      matches = parsed.x509.checkPrivateKey(createPrivateKey(PrivateKey));
    } catch {
      throw new SlbError("PrivateKeyFormatInvalid", "The private key cannot be parsed.");
    }
    if (!matches) throw new SlbError("CertificateAndPrivateKeyIsNotMatch", "The private key does not match the certificate.");
    const record: ServerCertificateRecord = {
      ServerCertificateId: certificateId(account),
      ServerCertificateName: req.ServerCertificateName ?? "",
      Fingerprint: parsed.fingerprint,
      CommonName: parsed.commonName,
      ExpireTime: isoSeconds(parsed.expireTimeStamp),
      ResourceGroupId: resourceGroupFor(account, req.ResourceGroupId),
      RegionId: req.RegionId,
      Tags: [],
    };
    account.serverCertificates.push(record);
    return record;
  });
}

export function findServerCertificate(account: Account, regionId: string, id: string): ServerCertificateRecord | undefined {
  return account.serverCertificates.find((c) => c.ServerCertificateId === id && c.RegionId === regionId);
}

/** DescribeServerCertificates by ID: the certificate, or none. */
export function describeServerCertificates(account: Account, req: { RegionId: string; ServerCertificateId: string }): ServerCertificateRecord[] {
  return call(account, "DescribeServerCertificates", { ...req }, () => {
    const found = findServerCertificate(account, req.RegionId, req.ServerCertificateId);
    return found ? [found] : [];
  });
}

export function setServerCertificateName(account: Account, req: { RegionId: string; ServerCertificateId: string; ServerCertificateName: string }): void {
  call(account, "SetServerCertificateName", { ...req }, () => {
    const record = findServerCertificate(account, req.RegionId, req.ServerCertificateId);
    if (!record) throw new SlbError("ServerCertificateId.NotFound", `The server certificate ${req.ServerCertificateId} does not exist.`, 404);
    record.ServerCertificateName = req.ServerCertificateName;
  });
}

export function deleteServerCertificate(account: Account, req: { RegionId: string; ServerCertificateId: string }): void {
  call(account, "DeleteServerCertificate", { ...req }, () => {
    if (!findServerCertificate(account, req.RegionId, req.ServerCertificateId)) {
      throw new SlbError("ServerCertificateId.NotFound", `The server certificate ${req.ServerCertificateId} does not exist.`, 404);
    }
    const users = account.listeners.filter((l) => l.ServerCertificateId === req.ServerCertificateId);
    if (users.length > 0) {
      throw new SlbError(
        "CertificateAndPrivateKeyIsRefered",
        `The server certificate ${req.ServerCertificateId} is used by listener(s) ${users.map((l) => l.ListenerId).join(", ")}.`,
      );
    }
    account.serverCertificates = account.serverCertificates.filter((c) => c.ServerCertificateId !== req.ServerCertificateId);
  });
}
