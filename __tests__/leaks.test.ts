/**
 * No secret leaks: whatever shape a private key arrives in, no part of it
 * appears in what the validator or the construct say (message, String(error),
 * stack, each problem, warnings, the synthesized stack).
 */
import { App, Testing, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { AlicloudProvider } from "../.gen/providers/alicloud/provider";
import { CaCertificate } from "../constructs/certificate/ca-certificate";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { CaCertificateValidationError } from "../constructs/errors";
import { NOW, fixture } from "./fixtures";

const ROOT = fixture("root-rsa2048.pem");
const SECOND = fixture("intermediate-rsa2048.pem");
const KEY_FIXTURES = ["key-pkcs1.pem", "key-pkcs8.pem", "key-pkcs8-encrypted.pem", "key-pkcs1-encrypted.pem", "key-ec.pem"];
const GRAM = 16;

/** A key fixture: its text, its base64 lines and body (the secret), without armour and Proc-Type/DEK-Info headers. */
interface Key {
  readonly name: string;
  readonly text: string;
  readonly lines: readonly string[];
  readonly body: string;
  readonly grams: ReadonlySet<string>;
}

function loadKey(name: string): Key {
  const text = fixture(name);
  const lines = text.split("\n").filter((line) => line.length > 0 && !line.startsWith("-----") && !line.includes(":"));
  const body = lines.join("");
  const grams = new Set<string>();
  for (let i = 0; i + GRAM <= body.length; i++) grams.add(body.slice(i, i + GRAM));
  return { name, text, lines, body, grams };
}

const KEYS = KEY_FIXTURES.map(loadKey);

/** How a careless user hands over a key; `marked` when its armour still says PRIVATE KEY. */
interface Shape {
  readonly name: string;
  readonly make: (key: Key) => unknown;
  readonly marked: boolean;
}

const armourOf = (key: Key) => key.text.trim().split("\n");
const SHAPES: readonly Shape[] = [
  { name: "the key alone", make: (key) => key.text, marked: true },
  { name: "certificate + key", make: (key) => ROOT + key.text, marked: true },
  { name: "key + certificate", make: (key) => key.text + ROOT, marked: true },
  { name: "certificate + key + another certificate", make: (key) => ROOT + key.text + SECOND, marked: true },
  { name: "certificate + key with CRLF line ends", make: (key) => (ROOT + key.text).replace(/\n/g, "\r\n"), marked: true },
  { name: "certificate + key with text around", make: (key) => `# client CA\n${ROOT}# and its key\n${key.text}# end\n`, marked: true },
  { name: "certificate + key with 4-dash armour", make: (key) => ROOT + key.text.replace(/-----/g, "----"), marked: true },
  { name: "certificate + key with lowercase armour", make: (key) => ROOT + key.text.replace(/(BEGIN|END) ([A-Z ]+)/g, (m) => m.toLowerCase()), marked: true },
  { name: "certificate + key with literal \\n escapes on one line", make: (key) => ROOT + key.text.replace(/\n/g, "\\n"), marked: true },
  { name: "the key alone with literal \\n escapes", make: (key) => key.text.replace(/\n/g, "\\n"), marked: true },
  { name: "certificate + key on one line, space-separated (environment variable)", make: (key) => ROOT + key.text.replace(/\n/g, " "), marked: true },
  { name: "certificate + key without its BEGIN line", make: (key) => ROOT + armourOf(key).slice(1).join("\n"), marked: true },
  { name: "certificate + key without its END line", make: (key) => ROOT + armourOf(key).slice(0, -1).join("\n"), marked: true },
  { name: "certificate + key with a NUL inside", make: (key) => ROOT + key.text.replace("\n", "\n\0"), marked: true },
  { name: "certificate + key with a non-ASCII character inside", make: (key) => ROOT + key.text.replace("\n", "\n\u00e9"), marked: true },
  { name: "certificate + key, over 64 KiB", make: (key) => ROOT + key.text + " ".repeat(70 * 1024), marked: false },
  { name: "certificate + key as a Buffer", make: (key) => Buffer.from(ROOT + key.text), marked: false },
  {
    name: "the key's body under CERTIFICATE armour",
    make: (key) => `-----BEGIN CERTIFICATE-----\n${key.lines.join("\n")}\n-----END CERTIFICATE-----\n`,
    marked: false,
  },
  { name: "the key's body without any armour", make: (key) => key.lines.join("\n"), marked: false },
  { name: "certificate + the key's body without any armour", make: (key) => ROOT + key.lines.join("\n"), marked: false },
  { name: "certificate + the key's body with shell line continuations", make: (key) => ROOT + key.lines.map((l) => `${l} \\`).join("\n"), marked: false },
  {
    name: "the key's body quoted as YAML lines, before a certificate",
    make: (key) => key.lines.map((l) => `  "${l}"`).join("\n") + "\n" + ROOT,
    marked: false,
  },
  { name: "the key's body as one line after END", make: (key) => `${ROOT}${key.body}\n`, marked: false },
  { name: "the key's body glued to the BEGIN line", make: (key) => `-----BEGIN CERTIFICATE-----${key.body}\n-----END CERTIFICATE-----\n`, marked: false },
];

const CASES = KEYS.flatMap((key) => SHAPES.map((shape) => ({ label: `${key.name}: ${shape.name}`, key, shape })));

/** Fails when any text holds a base64 line of the key (>= 16 characters) or any 16-character piece of its body. */
function expectNoKeyMaterial(key: Key, texts: readonly string[]): void {
  for (const text of texts) {
    for (const line of key.lines) {
      if (line.length >= GRAM && text.includes(line)) throw new Error(`a line of ${key.name} leaked into: ${text.slice(0, 200)}`);
    }
    for (let i = 0; i + GRAM <= text.length; i++) {
      if (key.grams.has(text.slice(i, i + GRAM))) throw new Error(`a piece of ${key.name} leaked: ${JSON.stringify(text.slice(i, i + GRAM))}`);
    }
  }
}

/** Everything an error says, in every form a log or a terminal may print it. */
function errorTexts(error: CaCertificateValidationError): string[] {
  return [error.message, String(error), error.stack ?? "", JSON.stringify(error), ...error.problems.map((p) => p.message)];
}

/** Every annotation (warning, error, info) on any construct of the tree. */
function annotations(root: IConstruct): string[] {
  return root.node.findAll().flatMap((c) => c.node.metadata.map((entry) => String(entry.data)));
}

describe("no key material leaks from inspectCaCertificate", () => {
  it("the checker finds a leak when there is one", () => {
    const key = KEYS[0];
    expect(() => expectNoKeyMaterial(key, [`oops ${key.lines[3]}`])).toThrow(/leaked/);
    expect(() => expectNoKeyMaterial(key, [`oops ${key.body.slice(100, 116)} oops`])).toThrow(/leaked/);
    expect(() => expectNoKeyMaterial(key, [ROOT])).not.toThrow();
  });

  it.each(CASES.map((c) => [c.label, c] as const))("%s", (_label, { key, shape }) => {
    let thrown: unknown;
    try {
      const info = inspectCaCertificate(shape.make(key), { now: NOW });
      expectNoKeyMaterial(key, [info.pem, ...info.warnings.map((w) => w.message)]);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaCertificateValidationError);
    const error = thrown as CaCertificateValidationError;
    expectNoKeyMaterial(key, errorTexts(error));
    if (shape.marked) expect(error.problems.map((p) => p.code)).toContain("CertificateFormatInvalid.PrivateKeyIncluded");
  });
});

describe("no key material leaks from the CaCertificate construct", () => {
  it.each(CASES.map((c) => [c.label, c] as const))("%s", (_label, { key, shape }) => {
    const app: App = Testing.app();
    const stack = new TerraformStack(app, "leaks");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    let thrown: unknown;
    try {
      new CaCertificate(stack, "ClientCa", { caCertificate: shape.make(key) as string, tags: { owner: "platform" } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaCertificateValidationError);
    const error = thrown as CaCertificateValidationError;
    expect(error.path).toBe("leaks/ClientCa");
    expectNoKeyMaterial(key, errorTexts(error));

    // The failed construct left nothing behind: the stack synthesizes without it.
    expect(stack.node.tryFindChild("ClientCa")).toBeUndefined();
    const synthesized = Testing.synth(stack);
    const json = JSON.parse(synthesized);
    expect(json.resource?.alicloud_slb_ca_certificate).toBeUndefined();
    expect(json.output).toBeUndefined();
    expect(json.provider?.alicloud).toBeDefined();
    expectNoKeyMaterial(key, [synthesized, ...annotations(app)]);
  });
});

describe("no key material leaks from clientCertificates and CaCertificate.verifyClient", () => {
  it.each(CASES.map((c) => [c.label, c] as const))("%s", (_label, { key, shape }) => {
    const sample = shape.make(key) as string;
    const verdict = CaCertificate.verifyClient(ROOT, sample, { now: NOW });
    expect(verdict.accepted).toBe(false);
    expectNoKeyMaterial(key, [JSON.stringify(verdict), ...verdict.problems.map((p) => p.message)]);
    if (shape.marked) expect(verdict.problems.map((p) => p.code)).toContain("CertificateFormatInvalid.PrivateKeyIncluded");

    const app: App = Testing.app();
    const stack = new TerraformStack(app, "leaks");
    new AlicloudProvider(stack, "alicloud", { region: "cn-hangzhou" });
    let thrown: unknown;
    try {
      new CaCertificate(stack, "ClientCa", { caCertificate: ROOT, clientCertificates: [sample] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaCertificateValidationError);
    const error = thrown as CaCertificateValidationError;
    expectNoKeyMaterial(key, [...errorTexts(error), ...annotations(app)]);
    if (shape.marked) expect(error.problems.map((p) => p.code)).toContain("CertificateFormatInvalid.PrivateKeyIncluded");
  });
});
