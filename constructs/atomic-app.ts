import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { App, AppConfig, Aspects, TerraformStack } from "cdktf";

const ERROR_LEVEL = "@cdktf/error";

interface ManifestJson {
  readonly stacks: { readonly [name: string]: { readonly annotations: { level: string; constructPath: string; message: string }[] } };
}

/** Every file below a directory, as paths relative to it, sorted. */
function filesBelow(root: string, dir = ""): string[] {
  return fs
    .readdirSync(path.join(root, dir), { withFileTypes: true })
    .flatMap((entry) => (entry.isDirectory() ? filesBelow(root, path.join(dir, entry.name)) : [path.join(dir, entry.name)]))
    .sort();
}

/** Writes a file so that readers see the old or the new content, never a partial one. */
function replaceFile(target: string, content: Buffer): void {
  fs.mkdirSync(path.dirname(target), { recursive: true });
  const temporary = `${target}.${process.pid}.tmp`;
  fs.writeFileSync(temporary, content);
  fs.renameSync(temporary, target);
}

/**
 * A cdktf App whose synth is all or nothing: stacks are synthesized into a
 * private staging directory, and copied into the real output directory
 * (`cdktf.out`) only when every stack synthesized without an error, including
 * validations and error annotations (which the cdktf CLI otherwise lets
 * through and reports only after the files were written). A failed synth
 * leaves an earlier `cdktf.out` byte for byte as it was.
 *
 * Aspects added to the app apply to every stack (plain cdktf 0.21 ignores them).
 *
 * Files in the output directory that synth does not produce (e.g. a stack's
 * `.terraform/` after a deploy) are left alone.
 */
export class AtomicApp extends App {
  /** Where the synthesized files end up. */
  public readonly targetOutdir: string;
  private readonly stagingDir: string;
  private readonly publishHooks: ((stagingDir: string) => void)[] = [];

  /**
   * @param config as for `App`; `outdir` (or CDKTF_OUTDIR, as the cdktf CLI sets it) is the final output directory
   */
  constructor(config: AppConfig = {}) {
    const targetOutdir = path.resolve(config.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
    const stagingDir = fs.mkdtempSync(path.join(os.tmpdir(), "cdktf-staging-"));
    super({ ...config, outdir: stagingDir });
    this.targetOutdir = targetOutdir;
    this.stagingDir = stagingDir;
    // The app may throw before synth (an invalid CaCertificate does): clean up anyway.
    process.once("exit", () => fs.rmSync(stagingDir, { recursive: true, force: true }));
  }

  /**
   * Runs a function on the staging directory after a successful synth and
   * before publishing, e.g. to add a report file beside the stacks.
   */
  public onPublish(hook: (stagingDir: string) => void): void {
    this.publishHooks.push(hook);
  }

  public synth(): void {
    try {
      const stacks = this.node.findAll().filter(TerraformStack.isStack);
      this.applyAppAspectsTo(stacks);
      this.collectAllErrorAnnotations(stacks);
      super.synth();
      this.failOnErrorAnnotations();
      for (const hook of this.publishHooks) hook(this.stagingDir);
      for (const file of filesBelow(this.stagingDir)) {
        replaceFile(path.join(this.targetOutdir, file), fs.readFileSync(path.join(this.stagingDir, file)));
      }
    } finally {
      fs.rmSync(this.stagingDir, { recursive: true, force: true });
    }
  }

  /**
   * cdktf 0.21 invokes aspects per stack, starting at the stack: aspects added
   * to the App itself would never run. Hand them to every stack, once.
   */
  private applyAppAspectsTo(stacks: readonly TerraformStack[]): void {
    const appAspects = Aspects.of(this).all;
    for (const stack of stacks) {
      const aspects = Aspects.of(stack);
      for (const aspect of appAspects) if (!aspects.all.includes(aspect)) aspects.add(aspect);
    }
  }

  /**
   * By default a stack with an error annotation aborts synth before the next
   * stack is even looked at; let every stack synthesize (into staging) so that
   * one run reports every error of the app.
   */
  private collectAllErrorAnnotations(stacks: readonly TerraformStack[]): void {
    for (const stack of stacks) {
      const synthesizer = stack.synthesizer as { continueOnErrorAnnotations?: boolean };
      if ("continueOnErrorAnnotations" in synthesizer) synthesizer.continueOnErrorAnnotations = true;
    }
  }

  /** The cdktf CLI asks apps to continue past error annotations; an atomic synth must not publish then. */
  private failOnErrorAnnotations(): void {
    const manifest: ManifestJson = JSON.parse(fs.readFileSync(path.join(this.stagingDir, "manifest.json"), "utf8"));
    const errors = Object.values(manifest.stacks)
      .flatMap((stack) => stack.annotations)
      .filter((annotation) => annotation.level === ERROR_LEVEL)
      .map((annotation) => `[${annotation.constructPath}] ${annotation.message}`);
    if (errors.length > 0) {
      throw new Error(`Synth failed; nothing was written to ${this.targetOutdir}:\n  ${errors.join("\n  ")}`);
    }
  }
}
