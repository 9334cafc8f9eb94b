/**
 * The resource types and data source the local provider serves, each after its
 * Go file in aliyun/terraform-provider-alicloud at v1.257.0.
 */
import { caCertificate } from "./ca-certificate";
import { caCertificates } from "./ca-certificates-data-source";
import { listener } from "./listener";
import { loadBalancer } from "./load-balancer";
import { DataSource, ManagedResource } from "./resource";
import { serverCertificate } from "./server-certificate";

export { AttributeProblem, DataSource, ManagedResource, PartialApply } from "./resource";
export { fillUnknowns } from "./values";

export const MANAGED_RESOURCES: Record<string, ManagedResource> = {
  alicloud_slb_ca_certificate: caCertificate,
  alicloud_slb_server_certificate: serverCertificate,
  alicloud_slb_load_balancer: loadBalancer,
  alicloud_slb_listener: listener,
};

export const DATA_SOURCES: Record<string, DataSource> = {
  alicloud_slb_ca_certificates: caCertificates,
};
