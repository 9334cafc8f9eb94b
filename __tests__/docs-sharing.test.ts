/**
 * docs/sharing.md: the consumers' RAM policy grants what a terraform_remote_state
 * read of pki's state does with OssState's layout (ListObjects under
 * `<prefix>/pki/`, GetObject of `<prefix>/pki/terraform.tfstate`) and nothing
 * of edge's state, which holds the server key.
 */
import * as fs from "fs";
import * as path from "path";
import { OssState } from "../constructs";

const DOC = fs.readFileSync(path.join(__dirname, "..", "docs", "sharing.md"), "utf8");

interface Statement {
  readonly Effect: string;
  readonly Action: string[];
  readonly Resource: string[];
  readonly Condition?: { readonly StringLike?: Record<string, string[]> };
}

function policy(): { Version: string; Statement: Statement[] } {
  const block = /<!-- consumer-policy:start[^>]*-->\n```json\n([\s\S]*?)```\n<!-- consumer-policy:end -->/.exec(DOC);
  expect(block).not.toBeNull();
  return JSON.parse(block![1]);
}

/** RAM's StringLike and resource matching: `*` is any run of characters, `?` any one. */
function like(pattern: string, value: string): boolean {
  const regex = pattern
    .replace(/[.+^${}()|[\]\\]/g, "\\$&")
    .replace(/\*/g, ".*")
    .replace(/\?/g, ".");
  return new RegExp(`^${regex}$`).test(value);
}

/** Whether the policy allows `action` on `resource`, with the request's `prefix` for ListObjects. */
function allows(action: string, resource: string, prefix?: string): boolean {
  return policy().Statement.some(
    (s) =>
      s.Effect === "Allow" &&
      s.Action.includes(action) &&
      s.Resource.some((r) => like(r, resource)) &&
      Object.entries(s.Condition?.StringLike ?? {}).every(
        ([key, values]) => key === "oss:Prefix" && prefix !== undefined && values.some((v) => like(v, prefix)),
      ),
  );
}

const BUCKET = "platform-tfstate";
const state = new OssState({ bucket: BUCKET });
const object = (stack: string) => `acs:oss:*:*:${BUCKET}/${state.remoteStateOf(stack).prefix}/${state.remoteStateOf(stack).key}`;

it("lets a consumer do what reading pki's state takes: list under <prefix>/pki/, read its state object", () => {
  expect(state.remoteStateOf("pki").prefix).toBe(`${OssState.DEFAULT_PREFIX}/pki`);
  // The OSS backend lists the workspace folder (prefix "<prefix>/pki/"), then reads the state object.
  expect(allows("oss:ListObjects", `acs:oss:*:*:${BUCKET}`, `${state.remoteStateOf("pki").prefix}/`)).toBe(true);
  expect(allows("oss:GetObject", object("pki"))).toBe(true);
});

it("grants nothing of edge's state, nor a listing of the whole bucket, nor any write", () => {
  expect(allows("oss:GetObject", object("edge"))).toBe(false);
  expect(allows("oss:ListObjects", `acs:oss:*:*:${BUCKET}`, `${state.remoteStateOf("edge").prefix}/`)).toBe(false);
  expect(allows("oss:ListObjects", `acs:oss:*:*:${BUCKET}`, "")).toBe(false);
  expect(allows("oss:ListObjects", `acs:oss:*:*:${BUCKET}`)).toBe(false);
  expect(policy().Statement.flatMap((s) => s.Action)).toEqual(["oss:GetObject", "oss:ListObjects"]);
});

it("says which state holds the server key, and that OSS encryption does not protect it from readers", () => {
  expect(DOC).toContain("**with its private key in plain text** (`alicloud_slb_server_certificate.private_key`)");
  expect(DOC).toContain("**OSS encryption does not change that.**");
});
