/**
 * The README, consumer first: its sample app runs as written, its install line
 * and commands are the ones that work, it stays short, and every docs/ file
 * is linked from it. (The tables of codes, wherever they stand, are
 * __tests__/rules.test.ts's; the sample app runs in __tests__/process/readme.test.ts.)
 */
import * as fs from "fs";
import * as path from "path";

const ROOT = path.join(__dirname, "..");
const README = fs.readFileSync(path.join(ROOT, "README.md"), "utf8");

/** The fenced blocks of a language, in order. */
function blocks(language: string): string[] {
  return [...README.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
}

describe("the README, consumer first", () => {
  it("is under 250 lines", () => {
    expect(README.split("\n").length).toBeLessThan(250);
  });

  it("opens with the install line (cdktf-cli included), then the app, then the three commands a team runs", () => {
    const [install, commands] = blocks("sh");
    expect(install.trim().split("\n")).toEqual([
      "npm install cdktf-alicloud-slb-ca-certificate cdktf@0.21.0 constructs@10.4.2",
      "npm install --save-dev cdktf-cli@0.21.0 typescript@~6.0.3 tsx@^4.20.0 @types/node@^20",
    ]);
    expect(commands.split("\n").map((line) => line.split("#")[0].trim())).toEqual([
      "npx slb-ca check certs/client-ca.pem",
      "npx slb-ca synth",
      "npx slb-ca deploy",
      "",
    ]);
    const firstScreen = README.split("\n").slice(0, 60).join("\n");
    expect(firstScreen).toContain("```ts\n");
    expect(firstScreen).toContain("npx slb-ca deploy");
  });

  it("the adoption commands install the same packages as the first install line, plus the local cloud", () => {
    const [install] = blocks("sh");
    const adopt = /<!-- adopt:start[^>]*-->\n```sh\n([\s\S]*?)```/.exec(README)![1];
    const [first, second] = adopt.split("\n");
    expect(first).toBe(install.split("\n")[0]);
    expect(second).toBe(`${install.split("\n")[1]} alicloud-slb-local-cloud`);
  });

  it("links every docs/ file, and every link it has resolves", () => {
    const links = [...README.matchAll(/\]\(([^)#]+)(#[^)]*)?\)/g)].map((m) => m[1]).filter((l) => !/^https?:/.test(l));
    for (const link of links) expect({ link, exists: fs.existsSync(path.join(ROOT, link)) }).toEqual({ link, exists: true });
    const docs = fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"));
    expect(docs.filter((f) => !links.includes(`docs/${f}`))).toEqual([]);
  });

  it("the docs' links between each other resolve", () => {
    const broken: string[] = [];
    for (const file of fs.readdirSync(path.join(ROOT, "docs")).filter((f) => f.endsWith(".md"))) {
      const text = fs.readFileSync(path.join(ROOT, "docs", file), "utf8");
      for (const [, link] of text.matchAll(/\]\(([^)#]+\.md)(?:#[^)]*)?\)/g)) {
        if (!/^https?:/.test(link) && !fs.existsSync(path.join(ROOT, "docs", link))) broken.push(`${file} -> ${link}`);
      }
    }
    expect(broken).toEqual([]);
  });

  it("the new-app page's cdktf.json, tsconfig.json and .gitignore are the template's, whose .gitignore keeps every state file out of git", () => {
    const page = fs.readFileSync(path.join(ROOT, "docs", "new-app.md"), "utf8");
    const fenced = (language: string) => [...page.matchAll(new RegExp("```" + language + "\\n([\\s\\S]*?)```", "g"))].map((m) => m[1]);
    const template = (file: string) => fs.readFileSync(path.join(ROOT, "examples", "consumer-app", file), "utf8");
    expect(fenced("json")).toEqual([template("cdktf.json"), template("tsconfig.json")]);
    expect(fenced("gitignore")).toEqual([template(".gitignore")]);
    expect(template(".gitignore").split("\n")).toEqual(
      expect.arrayContaining(["*.tfstate*", ".local-cloud/", "cdktf.out/", ".cdktf-deploy.lock*", ".cdktf.out.lock*"]),
    );
    // The README sample writes the inventory that `slb-ca inventory` (one of the adoption commands) reads.
    expect(blocks("ts")[0]).toContain("CaCertificateInventory.addTo(app);");
  });

  it("the development block holds the two set-up commands CI runs", () => {
    const development = README.split("## Developing this repository")[1];
    const block = /```sh\n([\s\S]*?)```/.exec(development)![1];
    expect(block).toContain("npm ci && npm run synth");
    expect(block).toContain("npm test");
    const ci = fs.readFileSync(path.join(ROOT, ".ci", "run"), "utf8");
    expect(ci).toContain("npm ci");
    expect(ci).toContain("npm run synth");
    expect(ci).toContain("npm test");
  });
});
