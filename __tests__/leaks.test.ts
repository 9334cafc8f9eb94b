/**
 * No secret leaks: whatever shape a private key arrives in, no part of it
 * appears in what the validator or the construct say (message, String(error),
 * stack, each problem, warnings, the synthesized stack). The shapes include the
 * key's base64 split by spaces, dashes or quotes, and the key printed as text
 * by `openssl pkey -text` and `openssl rsa -text` (fixtures of
 * scripts/generate-security-fixtures.sh).
 */
import { App, Testing } from "cdktf";
import { IConstruct } from "constructs";
import { CaCertificate } from "../constructs/certificate/ca-certificate";
import { CaCertificateValidator } from "../constructs/certificate/ca-certificate-validator";
import { inspectCaCertificate } from "../constructs/x509/inspect-ca-certificate";
import { CaCertificateFileError, CaCertificateValidationError } from "../constructs/errors";
import { RuleProblem } from "../constructs/problems";
import { NOW, fixture } from "./support/fixtures";
import { newStack, testApp } from "./support/stack";

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
/** `text` cut into pieces of `size` characters. */
function chunks(text: string, size: number): string[] {
  const pieces: string[] = [];
  for (let i = 0; i < text.length; i += size) pieces.push(text.slice(i, i + size));
  return pieces;
}
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
  { name: "certificate + the key's body split by spaces every 8 characters", make: (key) => `${ROOT}${chunks(key.body, 8).join(" ")}\n`, marked: false },
  { name: "certificate + the key's body split by dashes every 8 characters", make: (key) => `${ROOT}${chunks(key.body, 8).join("-")}\n`, marked: false },
  {
    name: "certificate + the key's body as quoted pieces of 8",
    make: (key) =>
      `${ROOT}${chunks(key.body, 8)
        .map((c) => `"${c}"`)
        .join(", ")}\n`,
    marked: false,
  },
  {
    name: "the key's body split by spaces, ending in .pem (like a file path)",
    make: (key) => `${chunks(key.body.slice(0, 120), 6).join(" ")}.pem`,
    marked: false,
  },
  { name: "the key's body split by spaces before a certificate", make: (key) => `${chunks(key.body, 12).join(" ")}\n${ROOT}`, marked: false },
  {
    name: "the key's body split by dashes under CERTIFICATE armour",
    make: (key) =>
      `-----BEGIN CERTIFICATE-----\n${chunks(key.body, 60)
        .map((l) => chunks(l, 6).join("-"))
        .join("\n")}\n-----END CERTIFICATE-----\n`,
    marked: false,
  },
  {
    name: "the key's body as PEM header names",
    make: (key) =>
      `-----BEGIN CERTIFICATE-----\n${chunks(key.body.replace(/[+/\d]/g, "x"), 20)
        .map((c) => `x${c}: 1`)
        .join("\n")}\n${ROOT.split("\n").slice(1).join("\n")}`,
    marked: false,
  },
  {
    name: "the key's body as an armour label",
    make: (key) => `${ROOT}-----BEGIN ${chunks(key.body.replace(/[+/]/g, "A"), 8).join(" ")}-----\n`,
    marked: false,
  },
  { name: "the key's body glued to the BEGIN line", make: (key) => `-----BEGIN CERTIFICATE-----${key.body}\n-----END CERTIFICATE-----\n`, marked: false },
];

const CASES = KEYS.flatMap((key) => SHAPES.map((shape) => ({ label: `${key.name}: ${shape.name}`, key, shape })));

/**
 * Fails when any text holds a base64 line of the key (>= 16 characters) or any
 * 16-character piece of its body, also once spaces, dashes, quotes and commas
 * are taken out (so a key split by them is caught too).
 */
function expectNoKeyMaterial(key: Key, texts: readonly string[]): void {
  for (const text of texts) {
    for (const line of key.lines) {
      if (line.length >= GRAM && text.includes(line)) throw new Error(`a line of ${key.name} leaked into: ${text.slice(0, 200)}`);
    }
    for (const form of [text, text.replace(/[\s"'`,-]/g, "")]) {
      for (let i = 0; i + GRAM <= form.length; i++) {
        if (key.grams.has(form.slice(i, i + GRAM))) throw new Error(`a piece of ${key.name} leaked: ${JSON.stringify(form.slice(i, i + GRAM))}`);
      }
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
    expect(() => expectNoKeyMaterial(key, [`oops "${chunks(key.body.slice(40, 72), 8).join(" ")}"`])).toThrow(/leaked/);
    expect(() => expectNoKeyMaterial(key, [`oops ${chunks(key.body.slice(40, 72), 4).join("-")}`])).toThrow(/leaked/);
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
    const app: App = testApp();
    const stack = newStack("leaks", { app });
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

describe("no key material leaks from CaCertificate.readPemFile given the key's text instead of a path", () => {
  it.each(KEYS.map((key) => [key.name, key] as const))("%s", (_name, key) => {
    for (const given of [key.text, key.body, `${ROOT}${key.text}`.replace(/\n/g, " "), key.lines[2]]) {
      let thrown: unknown;
      try {
        CaCertificate.readPemFile(given);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CaCertificateFileError);
      const error = thrown as CaCertificateFileError;
      expect(error.message).toMatch(/^The path given \(\d+ characters(?: on \d+ lines)?, not quoted: it looks like PEM or key text, not a path\) /);
      expectNoKeyMaterial(key, [error.message, String(error), error.stack ?? "", JSON.stringify(error)]);
    }
  });
});

describe("no key material leaks from clientCertificates and CaCertificate.verifyClient", () => {
  it.each(CASES.map((c) => [c.label, c] as const))("%s", (_label, { key, shape }) => {
    const sample = shape.make(key) as string;
    const verdict = CaCertificateValidator.verifyClient(ROOT, sample, { now: NOW });
    expect(verdict.accepted).toBe(false);
    expectNoKeyMaterial(key, [JSON.stringify(verdict), ...verdict.problems.map((p) => p.message)]);
    if (shape.marked) expect(verdict.problems.map((p) => p.code)).toContain("CertificateFormatInvalid.PrivateKeyIncluded");

    const app: App = testApp();
    const stack = newStack("leaks", { app });
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

/** A private key printed as text: the dump and its secret bytes, as hex digits without the colons. */
interface KeyDump {
  readonly name: string;
  readonly text: string;
  /** Every line of hex bytes, trimmed ("00:ba:c1:..."). */
  readonly hexLines: readonly string[];
  /** All of the dump's bytes, as one run of hex digits. */
  readonly hex: string;
}

function loadDump(name: string): KeyDump {
  const text = fixture(`security/${name}`);
  const hexLines = text
    .split("\n")
    .map((line) => line.trim())
    .filter((line) => /^[0-9a-f]{2}(:[0-9a-f]{2})*:?$/.test(line));
  return { name, text, hexLines, hex: hexLines.join("").replace(/:/g, "") };
}

const DUMPS = ["key-pkcs8.pkey-text.txt", "key-pkcs1.rsa-text.txt", "key-ec.pkey-text.txt", "key-pkcs8.pkey-text-pem.txt"].map(loadDump);
/** Bytes in a row that count as a leak: 4 (8 hex digits); any 4 bytes of the ~600 of an RSA 2048 key dump. */
const DUMP_GRAM = 8;

/** Fails when a text holds a line of the dump's hex, or any 4 of its bytes in a row (with or without colons). */
function expectNoDumpBytes(dump: KeyDump, texts: readonly string[]): void {
  for (const text of texts) {
    for (const line of dump.hexLines) {
      if (line.length >= 8 && text.includes(line)) throw new Error(`a line of ${dump.name} leaked into: ${text.slice(0, 200)}`);
    }
    const digits = text
      .toLowerCase()
      .replace(/:/g, "")
      .replace(/[^0-9a-f]+/g, " ");
    for (const run of digits.split(" ")) {
      for (let i = 0; i + DUMP_GRAM <= run.length; i++) {
        if (dump.hex.includes(run.slice(i, i + DUMP_GRAM))) throw new Error(`bytes of ${dump.name} leaked: ${run.slice(i, i + DUMP_GRAM)}`);
      }
    }
  }
}

const DUMP_SHAPES: readonly { name: string; make: (dump: KeyDump) => string }[] = [
  { name: "certificate + the dump", make: (dump) => ROOT + dump.text },
  { name: "the dump + certificate", make: (dump) => dump.text + ROOT },
  { name: "certificate + the dump + another certificate", make: (dump) => ROOT + dump.text + SECOND },
  { name: "the dump alone", make: (dump) => dump.text },
  { name: "certificate + the dump on one line", make: (dump) => ROOT + dump.text.replace(/\n/g, " ") },
  { name: "the dump under CERTIFICATE armour", make: (dump) => `-----BEGIN CERTIFICATE-----\n${dump.text}-----END CERTIFICATE-----\n` },
  { name: "certificate + the dump's hex lines alone", make: (dump) => ROOT + dump.hexLines.join("\n") },
];

const DUMP_CASES = DUMPS.flatMap((dump) => DUMP_SHAPES.map((shape) => ({ label: `${dump.name}: ${shape.name}`, dump, shape })));

describe("no byte of a private key printed as text (openssl pkey -text, openssl rsa -text) leaks", () => {
  it("the checker finds a leak when there is one, with or without the colons", () => {
    const dump = DUMPS[0];
    expect(() => expectNoDumpBytes(dump, [`text after END: "${dump.hexLines[5]}"`])).toThrow(/leaked/);
    expect(() => expectNoDumpBytes(dump, [`oops ${dump.hex.slice(100, 108)}`])).toThrow(/leaked/);
    expect(() => expectNoDumpBytes(dump, [`oops ${dump.hexLines[3].slice(0, 11)}`])).toThrow(/leaked/);
    expect(() => expectNoDumpBytes(dump, [ROOT, "line 23, 45 characters"])).not.toThrow();
  });

  it("a CA certificate followed by a -text dump of its key: the error names the key, the line and its length, and holds no hex at all", () => {
    for (const dump of DUMPS.filter((d) => !d.text.includes("BEGIN"))) {
      let thrown: unknown;
      try {
        inspectCaCertificate(ROOT + dump.text, { now: NOW });
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toBeInstanceOf(CaCertificateValidationError);
      const error = thrown as CaCertificateValidationError;
      const rootLines = ROOT.trim().split("\n").length;
      const firstLine = dump.text.split("\n")[0];
      expect(error.problems).toEqual<RuleProblem[]>([
        {
          code: "CertificateFormatInvalid.PrivateKeyIncluded",
          message:
            "the text contains a private key printed as text (as `openssl pkey -text` or `openssl rsa -text` print it). A CA certificate upload takes the certificate only: remove the key from this input (and treat the key as exposed if this text was committed or shared).",
        },
        {
          code: "CertificateFormatInvalid",
          message: `there is text after the END line (line ${rootLines + 1}, ${firstLine.length} characters). Allowed: one PEM block from -----BEGIN CERTIFICATE----- to -----END CERTIFICATE----- and nothing else.`,
        },
      ]);
      // The stack's "file.ts:169:35" positions aside, nothing the error says holds a hex pair.
      for (const text of [error.message, JSON.stringify(error), ...error.problems.map((p) => p.message)]) {
        expect(text).not.toMatch(/[0-9a-f]{2}:[0-9a-f]{2}/i);
        for (const line of dump.text.split("\n").filter((l) => l.trim().length > 0)) expect(text).not.toContain(line.trim());
      }
    }
  });

  it.each(DUMP_CASES.map((c) => [c.label, c] as const))("%s", (_label, { dump, shape }) => {
    const input = shape.make(dump);
    let thrown: unknown;
    try {
      inspectCaCertificate(input, { now: NOW });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(CaCertificateValidationError);
    const error = thrown as CaCertificateValidationError;
    expectNoDumpBytes(dump, errorTexts(error));
    if (shape.name !== "certificate + the dump's hex lines alone")
      expect(error.problems.map((p) => p.code)).toContain("CertificateFormatInvalid.PrivateKeyIncluded");

    const verdict = CaCertificate.verifyClient(ROOT, input, { now: NOW });
    expect(verdict.accepted).toBe(false);
    expectNoDumpBytes(dump, [JSON.stringify(verdict), ...verdict.problems.map((p) => p.message)]);

    const app: App = testApp();
    const stack = newStack("leaks", { app });
    let constructError: unknown;
    try {
      new CaCertificate(stack, "ClientCa", { caCertificate: input });
    } catch (e) {
      constructError = e;
    }
    expect(constructError).toBeInstanceOf(CaCertificateValidationError);
    expectNoDumpBytes(dump, [...errorTexts(constructError as CaCertificateValidationError), Testing.synth(stack), ...annotations(app)]);
  });
});
