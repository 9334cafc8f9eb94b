import * as fs from "fs";
import * as path from "path";

const README = fs.readFileSync(path.join(__dirname, "..", "README.md"), "utf8");

it("README's first code block holds the two set-up commands CI runs", () => {
  const firstBlock = /```sh\n([\s\S]*?)```/.exec(README)![1];
  expect(firstBlock).toContain("npm ci && npm run synth");
  expect(firstBlock).toContain("npm test");
  const ci = fs.readFileSync(path.join(__dirname, "..", ".ci", "run"), "utf8");
  expect(ci).toContain("npm ci");
  expect(ci).toContain("npm run synth");
  expect(ci).toContain("npm test");
  // And the lint, whose finding fails CI too.
  expect(ci).toMatch(/^npm run lint$/m);
  expect(ci).toContain('[ "$status" -eq 0 ] && status=$lint_status');
});

it("README's Use sample builds on AtomicApp, asks for the clean-error printer and reads the PEM with PemFile.read (__tests__/process/readme.test.ts runs it)", () => {
  const sample = /## Use\n\n```ts\n([\s\S]*?)```/.exec(README)![1];
  expect(sample).toContain("AtomicApp.printUserErrorsCleanly();");
  expect(sample).toContain("const app = new AtomicApp();");
  expect(sample).toContain('caCertificate: PemFile.read("certs/client-ca.pem")');
  expect(sample).toContain("app.synth();");
});
