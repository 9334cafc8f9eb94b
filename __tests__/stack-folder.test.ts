/**
 * The stack folder the orphan warning's commands name (constructs/synth/stack-folder.ts):
 * the app's real output folder, as the app's folder sees it.
 */
import * as fs from "fs";
import * as path from "path";
import { TerraformStack, Testing } from "cdktf";
import { AtomicApp } from "../constructs";
import { stackFolderForCommands } from "../constructs/synth/stack-folder";
import { tempDir } from "./support/temp-dir";

describe("the stack folder in pasteable commands", () => {
  it("is the AtomicApp's final output folder (not its staging folder), relative to the app's folder when below it: a local deploy's", () => {
    const appDir = tempDir("stack-folder-");
    const app = new AtomicApp({ outdir: path.join(appDir, ".local-cloud", "out", "cdktf.out") });
    expect(app.outdir).not.toBe(app.targetOutdir);
    expect(stackFolderForCommands(new TerraformStack(app, "pki"), appDir)).toBe(".local-cloud/out/cdktf.out/stacks/pki");
  });

  it("is the folder CDKTF_OUTDIR names, as the cdktf CLI sets it, when the app is given none", () => {
    const appDir = tempDir("stack-folder-");
    const saved = process.env.CDKTF_OUTDIR;
    process.env.CDKTF_OUTDIR = path.join(appDir, "out");
    try {
      expect(stackFolderForCommands(new TerraformStack(new AtomicApp(), "edge"), appDir)).toBe("out/stacks/edge");
    } finally {
      if (saved === undefined) delete process.env.CDKTF_OUTDIR;
      else process.env.CDKTF_OUTDIR = saved;
    }
  });

  it("is absolute when not below the app's folder (a consumer app in a subfolder of the project), and a plain App's outdir counts", () => {
    const project = tempDir("stack-folder-");
    const outdir = path.join(project, ".local-cloud", "out", "consumer", "cdktf.out");
    fs.mkdirSync(path.dirname(outdir), { recursive: true });
    const stack = new TerraformStack(Testing.app({ outdir }), "payments");
    expect(stackFolderForCommands(stack, path.join(project, "consumer"))).toBe(path.join(outdir, "stacks", "payments"));
  });

  it("is quoted for the shell, and escaped for Terraform's templates, when the path needs it", () => {
    const appDir = tempDir("stack-folder-");
    const app = new AtomicApp({ outdir: path.join(appDir, "it's ${here}") });
    expect(stackFolderForCommands(new TerraformStack(app, "pki"), appDir)).toBe(`'it'\\''s $\${here}/stacks/pki'`);
  });
});
