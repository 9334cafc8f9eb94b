/**
 * The emulated account's first file format (one JSON object, calls inside), for
 * the journal tests: the unit ones (__tests__/emulator/account-journal.test.ts)
 * and the one that appends from a second process (__tests__/process/emulator/).
 */
import { example } from "./fixtures";

/** A file of the first format holding `records` and `calls`. */
export function legacyAccount(records: object[], calls: object[] = []): string {
  return JSON.stringify(
    {
      accountId: "1234567890123456",
      defaultResourceGroupId: "rg-acfmlegacy0001",
      caCertificates: records,
      serverCertificates: [],
      loadBalancers: [],
      listeners: [],
      calls,
      faults: {},
    },
    null,
    2,
  );
}

/** A CA certificate record of the first format in cn-hangzhou (the sample root's PEM), with `overrides`. */
export function caRecord(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    CACertificateId: "18c2f0a1b2c-cn-hangzhou-07",
    CACertificateName: "legacy",
    Fingerprint: "aa:bb",
    CommonName: "Legacy CA",
    ExpireTime: "2036-01-01T00:00:00Z",
    ExpireTimeStamp: 2082758400000,
    CreateTime: "2026-01-01T00:00:00Z",
    CreateTimeStamp: 1767225600000,
    ResourceGroupId: "rg-acfmlegacy0001",
    RegionId: "cn-hangzhou",
    Tags: [],
    CACertificate: example("sample-root-ca.pem"),
    ...overrides,
  };
}
