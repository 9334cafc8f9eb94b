import * as fs from "fs";
import * as path from "path";
import { TerraformStack } from "cdktf";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { EdgeStack } from "../app/edge-stack";
import { PkiStack } from "../app/pki-stack";
import { readConfig } from "../app/config";
import { AtomicApp, CaCertificate, CaCertificateInventory } from "../constructs";
import { inventoryTable } from "../cli/inventory";
import { NOW, expectedExampleInventory, facts, fixture } from "./support/fixtures";
import { tempDir } from "./support/temp-dir";

const DAY = 86_400_000;

/** Synthesizes an app through AtomicApp with an inventory and returns the inventory file's text. */
function synthInventory(build: (app: AtomicApp) => void): string {
  const outdir = tempDir("inventory-");
  const app = new AtomicApp({ outdir });
  CaCertificateInventory.addTo(app, { now: NOW });
  build(app);
  app.synth();
  return fs.readFileSync(path.join(outdir, CaCertificateInventory.FILE_NAME), "utf8");
}

it("lists the example app's certificate exactly, with openssl's facts", () => {
  const text = synthInventory((app) => {
    const config = readConfig({});
    const pki = new PkiStack(app, "pki", config);
    new EdgeStack(app, "edge", config, pki.clientCa);
  });
  expect(JSON.parse(text)).toEqual(expectedExampleInventory(NOW));
  expect(text.endsWith("}\n")).toBe(true);
});

function twoStacks(app: AtomicApp, order: "ab" | "ba") {
  const stacks = order === "ab" ? ["alpha", "beta"] : ["beta", "alpha"];
  for (const name of stacks) {
    const stack = new TerraformStack(app, name);
    new AlicloudProvider(stack, "alicloud", { region: "cn-shanghai" });
    const pems = name === "alpha" ? ["root-rsa4096.pem", "intermediate-rsa2048.pem"] : ["root-rsa2048.pem"];
    for (const pem of order === "ab" ? pems : [...pems].reverse()) {
      new CaCertificate(stack, pem.startsWith("root") ? "CaRoot" : "CaIntermediate", {
        caCertificate: fixture(pem),
        tags: { team: name, owner: `${name}-team` },
      });
    }
  }
}

it("is sorted by stack and path, and the same whatever the declaration order", () => {
  const first = synthInventory((app) => twoStacks(app, "ab"));
  const second = synthInventory((app) => twoStacks(app, "ba"));
  expect(second).toBe(first);
  const entries = JSON.parse(first).certificates;
  expect(entries.map((e: { path: string }) => e.path)).toEqual(["alpha/CaIntermediate", "alpha/CaRoot", "beta/CaRoot"]);
  expect(Object.keys(entries[0].tags)).toEqual(["owner", "team"]);
});

it("npm run inventory's table lists the soonest expiry first", () => {
  const entries = JSON.parse(synthInventory((app) => twoStacks(app, "ab"))).certificates;
  const lines = inventoryTable(entries, NOW).split("\n");
  expect(lines[0]).toMatch(/^DAYS LEFT\s+EXPIRES\s+STACK\s+PATH\s+NAME\s+REGION\s+SHA-1 FINGERPRINT\s+OWNER$/);
  // The intermediate expires in 2050, the roots in 2055.
  expect(lines[1]).toContain("alpha/CaIntermediate");
  expect(lines[1]).toContain(facts("intermediate-rsa2048.pem").sha1);
  expect(
    lines
      .slice(2)
      .map((l) => l.split(/\s+/)[3])
      .sort(),
  ).toEqual(["alpha/CaRoot", "beta/CaRoot"]);
  expect(lines).toHaveLength(4);
  // Days left count from when the table is printed, not from the synth.
  const intermediateDays = Math.floor((Date.parse(facts("intermediate-rsa2048.pem").notAfter) - NOW.getTime()) / DAY);
  expect(lines[1].split(/\s+/)[0]).toBe(String(intermediateDays));
  const aYearLater = new Date(NOW.getTime() + 365 * DAY);
  expect(inventoryTable(entries, aYearLater).split("\n")[1].split(/\s+/)[0]).toBe(String(intermediateDays - 365));
});
