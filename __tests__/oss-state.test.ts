/**
 * OssState: the producer's OSS layout and what a consumer app reads with one
 * call, checked through the synthesized JSON of both.
 */
import { TerraformOutput, TerraformStack, Testing } from "cdktf";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { PkiStack } from "../app/pki-stack";
import { readConfig } from "../app/config";
import { CaCertificate, OssState } from "../constructs";
import { warningsOf } from "./support/construct-findings";
import { Json } from "./support/json";
import { testApp } from "./support/stack";

const LAYOUT = {
  bucket: "platform-tfstate",
  prefix: "teams/pki",
  region: "cn-shanghai",
  tablestoreEndpoint: "https://tf-lock.cn-shanghai.ots.aliyuncs.com",
  tablestoreTable: "terraform_lock",
};

/** A consumer app in another repository, reading pki's ClientCa with one call. */
function consumerReading(state: OssState): { remote: Json; output: string } {
  const stack = new TerraformStack(testApp(), "consumer");
  new AlicloudProvider(stack, "alicloud", { region: "cn-shanghai" });
  const ca = CaCertificate.fromRemoteState(stack, "ClientCa", { certificatePath: "ClientCa", oss: state.remoteStateOf("pki") });
  new TerraformOutput(stack, "id", { value: ca.caCertificateId });
  const json = JSON.parse(Testing.synth(stack, true));
  const [name, remote] = Object.entries<Json>(json.data.terraform_remote_state)[0];
  return { remote, output: json.output.id.value.replace(`\${data.terraform_remote_state.${name}.outputs.`, "").replace("}", "") };
}

it("the producer keeps each stack's state under <prefix>/<stack>, encrypted, private whatever the bucket's ACL, locked in TableStore", () => {
  const stack = new TerraformStack(testApp(), "pki");
  new OssState(LAYOUT).addBackend(stack);
  expect(JSON.parse(Testing.synth(stack)).terraform.backend).toEqual({
    oss: {
      ...{ bucket: "platform-tfstate", region: "cn-shanghai", prefix: "teams/pki/pki", key: "terraform.tfstate", encrypt: true, acl: "private" },
      tablestore_endpoint: LAYOUT.tablestoreEndpoint,
      tablestore_table: "terraform_lock",
    },
  });
  expect(warningsOf(stack)).toEqual([]);
});

it("warns on the stack (OssState.NoLocking) when there is no lock table, and still writes the state private", () => {
  const stack = new TerraformStack(testApp(), "pki");
  new OssState({ bucket: "platform-tfstate", region: "cn-shanghai" }).addBackend(stack);
  expect(warningsOf(stack)).toEqual([
    "OssState.NoLocking: the state of stack pki in OSS bucket platform-tfstate has no lock: two deploys at once can overwrite each other's state. Give OssState tablestoreEndpoint and tablestoreTable (a TableStore table with primary key LockID, string).",
  ]);
  expect(JSON.parse(Testing.synth(stack)).terraform.backend.oss.acl).toBe("private");
});

it("the example app's pki stack uses that layout, and a consumer finds its state and its output with one call", () => {
  const config = readConfig({
    ALICLOUD_REGION: "cn-shanghai",
    STATE_OSS_BUCKET: LAYOUT.bucket,
    STATE_OSS_PREFIX: LAYOUT.prefix,
    STATE_TABLESTORE_ENDPOINT: LAYOUT.tablestoreEndpoint,
    STATE_TABLESTORE_TABLE: LAYOUT.tablestoreTable,
  });
  const app = testApp();
  const pki = new PkiStack(app, "pki", config);
  const producer = JSON.parse(Testing.synth(pki, true));
  const { remote, output } = consumerReading(new OssState(LAYOUT));
  const { bucket, region, prefix, key } = producer.terraform.backend.oss;
  expect(remote).toEqual({ backend: "oss", config: { bucket, region, prefix, key } });
  // The output the consumer reads is one the producer writes.
  expect(output).toBe(CaCertificate.outputNames("ClientCa").caCertificateId);
  expect(Object.keys(producer.output)).toContain(output);
});

it("without a prefix, the example app and a consumer agree on the folder (one default: OssState.DEFAULT_PREFIX)", () => {
  const { region } = LAYOUT;
  const config = readConfig({ ALICLOUD_REGION: region, STATE_OSS_BUCKET: LAYOUT.bucket });
  const producer = JSON.parse(Testing.synth(new PkiStack(testApp(), "pki", config), true));
  const { remote } = consumerReading(new OssState({ bucket: LAYOUT.bucket, region }));
  expect(remote.config.prefix).toBe(producer.terraform.backend.oss.prefix);
  expect(remote.config.prefix).toBe("cdktf/slb-ca/pki");
});

it("a layout with another prefix is another place: the check above can fail", () => {
  const { remote } = consumerReading(new OssState({ ...LAYOUT, prefix: "teams/other" }));
  expect(remote.config.prefix).toBe("teams/other/pki");
});

it("refuses half a lock configuration", () => {
  expect(() => new OssState({ bucket: "b", tablestoreTable: "t" })).toThrow(
    "OssState: state locking needs both tablestoreEndpoint and tablestoreTable; got only tablestoreTable.",
  );
});
