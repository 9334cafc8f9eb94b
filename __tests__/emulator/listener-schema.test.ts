/**
 * alicloud_slb_listener's schema as the local provider holds it
 * (emulator/alicloud/listener-schema.ts) is the Go schema at v1.257.0, and its
 * Defaults are planned as the SDK plans them.
 */
import * as fs from "fs";
import * as path from "path";
import { LISTENER_SCHEMA, plannedDefaults } from "../../emulator/alicloud/listener-schema";
import { CtyObject } from "../../emulator/cty";
import { Index } from "../../emulator/provider-source/extract";
import { loadSchemas } from "../../emulator/schema";

const INDEX: Index = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "emulator", "provider-source", "index.json"), "utf8"));

test("every attribute's flags, Default, DiffSuppressFunc and source line are those of resource_alicloud_slb_listener.go at the tag", () => {
  expect(LISTENER_SCHEMA).toEqual(INDEX.listenerSchema);
});

test("the flags are those of the provider schema the local provider serves (schema-cache/)", () => {
  const block = loadSchemas().resources.alicloud_slb_listener.block;
  const served: Record<string, object> = {};
  const flags = (a: { required?: boolean; optional?: boolean; computed?: boolean; deprecated?: boolean }) => ({
    required: a.required ?? false,
    optional: a.optional ?? false,
    computed: a.computed ?? false,
    deprecated: a.deprecated ?? false,
  });
  for (const [name, a] of Object.entries(block.attributes ?? {})) if (name !== "id") served[name] = flags(a);
  // The nested block's own flags are not in the JSON (a block has none): Optional+Computed in Go.
  for (const [name, a] of Object.entries(block.block_types?.x_forwarded_for.block.attributes ?? {})) served[`x_forwarded_for.${name}`] = flags(a);
  served.x_forwarded_for = flags({ optional: true, computed: true });
  const go = Object.fromEntries(Object.entries(LISTENER_SCHEMA).map(([name, a]) => [name, flags({ ...a, deprecated: a.deprecated })]));
  expect(go).toEqual(served);
});

describe("the Go schema's defaults are planned, where the attribute's DiffSuppressFunc does not ignore them", () => {
  const config = (c: CtyObject): CtyObject => ({ load_balancer_id: "lb-1", frontend_port: 443, ...c });

  test("HTTPS: the HTTP(S) and HTTPS defaults; none of TCP's or UDP's", () => {
    expect(plannedDefaults(config({ protocol: "https" }), null)).toEqual({
      scheduler: "wrr",
      acl_status: "off",
      sticky_session: "off",
      persistence_timeout: null,
      health_check: "on",
      health_check_type: null,
      health_check_uri: "/",
      healthy_threshold: 3,
      unhealthy_threshold: 3,
      health_check_timeout: 5,
      health_check_interval: 2,
      gzip: true,
      established_timeout: null,
      idle_timeout: 15,
      request_timeout: 60,
      enable_http2: "on",
      tls_cipher_policy: "tls_cipher_policy_1_0",
      x_forwarded_for: [],
    });
  });

  test("TCP: its own defaults; a TCP health check of type tcp ignores the URI", () => {
    expect(plannedDefaults(config({ protocol: "tcp" }), null)).toMatchObject({
      persistence_timeout: 0,
      health_check_type: "tcp",
      established_timeout: 900,
      healthy_threshold: 3,
      health_check_uri: null,
      gzip: null,
      tls_cipher_policy: null,
      health_check: null,
    });
    expect(plannedDefaults(config({ protocol: "tcp", health_check_type: "http" }), null)).toMatchObject({ health_check_uri: "/" });
  });

  test("HTTP with its health check off: the health check's settings are ignored", () => {
    expect(plannedDefaults(config({ protocol: "http", health_check: "off" }), null)).toMatchObject({
      healthy_threshold: null,
      health_check_uri: null,
      tls_cipher_policy: null,
      gzip: true,
    });
  });

  test("configured values stay; an ignored attribute keeps its prior value; the block keeps its prior value unless configured", () => {
    const prior = { tls_cipher_policy: "tls_cipher_policy_1_2", x_forwarded_for: [{ retrive_client_ip: true, retrive_slb_ip: true }] };
    const planned = plannedDefaults(config({ protocol: "http", scheduler: "rr" }), prior);
    expect(planned).not.toHaveProperty("scheduler");
    expect(planned).toMatchObject({ tls_cipher_policy: "tls_cipher_policy_1_2", x_forwarded_for: prior.x_forwarded_for });
    expect(plannedDefaults(config({ protocol: "http", x_forwarded_for: [{ retrive_slb_id: true }] }), prior).x_forwarded_for).toEqual([
      { retrive_slb_id: true, retrive_slb_ip: false, retrive_slb_proto: false },
    ]);
  });
});
