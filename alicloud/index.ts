/**
 * The alicloud provider bindings this package generates (provider 1.257.0,
 * from schema-cache/) for apps that use SLB only, which then need no
 * `cdktf get`:
 *
 *   import { AlicloudProvider, SlbListener } from "cdktf-alicloud-slb-ca-certificate/alicloud";
 *
 * The classes are those `cdktf get` generates, under the same names, and the
 * very ones the construct builds on, so `ca.resource instanceof
 * SlbCaCertificate` holds. TypeScript and JavaScript only: other languages
 * generate their bindings with their own `cdktf get`.
 */
export * from "../.gen/providers/alicloud/provider";
export * from "../.gen/providers/alicloud/slb-ca-certificate";
export * from "../.gen/providers/alicloud/slb-server-certificate";
export * from "../.gen/providers/alicloud/slb-load-balancer";
export * from "../.gen/providers/alicloud/slb-listener";
export * from "../.gen/providers/alicloud/data-alicloud-slb-ca-certificates";
