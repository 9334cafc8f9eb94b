/**
 * The data source alicloud_slb_ca_certificates, as
 * alicloud/data_source_alicloud_slb_ca_certificates.go reads it at v1.257.0:
 * one DescribeCACertificates (Tea client with autoRetry; NeedRetry with
 * incrementalWait(3s, 3s) for 5 minutes) filtered by resource group and tags;
 * then, in the provider, by name_regex (Go's RE2) and ids. The output's tags
 * leave out the cloud's own keys (ignoredTags); its ID is dataResourceIdHash.
 */
import * as zlib from "zlib";
import { RE2JS } from "re2js";
import { describeCaCertificates } from "../api/ca-certificates";
import { CtyObject, CtyValue } from "../cty";
import { writeToFile } from "./output-file";
import { DataSource } from "./resource";
import { needRetry, resourceRetry } from "./retry";
import { TEA_AUTO_RETRY } from "./slb-client";
import { getOk, ignoredTag, known, str, tagList, tagMap } from "./values";

function compileRegex(pattern: string): RE2JS {
  return RE2JS.compile(pattern);
}

/** dataResourceIdHash: hashcode.String (CRC-32, decimal) of every ID followed by "-". */
function dataResourceIdHash(ids: readonly string[]): string {
  return String(zlib.crc32(ids.map((id) => `${id}-`).join("")));
}

export const caCertificates: DataSource = {
  validate(config) {
    const pattern = str(config.name_regex);
    if (pattern === undefined) return [];
    try {
      compileRegex(pattern);
      return [];
    } catch (error) {
      return [{ attribute: "name_regex", summary: "Invalid name_regex", detail: `${pattern}: ${(error as Error).message}` }];
    }
  },
  async read(client, config) {
    const tags = getOk<CtyObject>(config.tags);
    const found = await resourceRetry({ retryable: (e) => needRetry(e, "tea"), wait: [3000, 3000], timeoutMs: 5 * 60_000 }, () =>
      client.request(TEA_AUTO_RETRY, (a) =>
        describeCaCertificates(a, {
          RegionId: client.region,
          ResourceGroupId: getOk<string>(config.resource_group_id),
          ...(tags ? { Tag: tagList(tags) } : {}),
        }),
      ),
    );
    const pattern = getOk<string>(config.name_regex);
    const regex = pattern !== undefined ? compileRegex(pattern) : undefined;
    const ids = (known<CtyValue[]>(config.ids) ?? []).filter((id): id is string => typeof id === "string");
    const matched = found.filter((c) => (!regex || regex.matcher(c.CACertificateName).find()) && (ids.length === 0 || ids.includes(c.CACertificateId)));
    const certificates = matched.map((c) => ({
      id: c.CACertificateId,
      ca_certificate_id: c.CACertificateId,
      ca_certificate_name: c.CACertificateName,
      name: c.CACertificateName,
      common_name: c.CommonName,
      created_timestamp: c.CreateTimeStamp,
      expired_time: c.ExpireTime,
      expired_timestamp: c.ExpireTimeStamp,
      fingerprint: c.Fingerprint,
      resource_group_id: c.ResourceGroupId,
      tags: tagMap(c.Tags.filter((t) => !ignoredTag(t.Key))),
    }));
    const outputFile = getOk<string>(config.output_file);
    if (outputFile) writeToFile(outputFile, certificates);
    const matchedIds = matched.map((c) => c.CACertificateId);
    return {
      ...config,
      id: dataResourceIdHash(matchedIds),
      ids: matchedIds,
      names: matched.map((c) => c.CACertificateName),
      certificates,
    };
  },
};
