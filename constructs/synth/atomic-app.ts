import * as fs from "fs";
import * as path from "path";
import { App, AppConfig, Aspects, IAspect, TerraformStack } from "cdktf";
import { IConstruct } from "constructs";
import { continueOnErrorAnnotations, onStackSynthesis } from "./cdktf-internals";
import { publishDirectory, stagingDirFor } from "./publish-directory";
import { CaCertificateSynthError, SynthProblem } from "../errors";
import { printUserErrorsCleanly } from "./user-error-printer";

const ERROR_LEVEL = "@cdktf/error";

interface ManifestJson {
  readonly stacks: { readonly [name: string]: { readonly annotations: { level: string; constructPath: string; message: string }[] } };
}

let instances = 0;

/**
 * Work done on a successful synth's output before it is published, e.g.
 * writing a report beside the stacks (see {@link AtomicApp.onPublish}).
 * Other languages implement it as an interface; in TypeScript an object
 * literal does: `app.onPublish({ beforePublish: (dir) => ... })`.
 */
export interface IPublishHook {
  /**
   * Called once per successful synth, after every stack is written and validated.
   * A file written into `stagingDir` is published with the stacks; an exception
   * fails the synth and nothing is published.
   * @param stagingDir the staging directory, laid out as the output directory will be
   */
  beforePublish(stagingDir: string): void;
}

/**
 * A cdktf App whose synth is all or nothing. Stacks are synthesized into a
 * staging directory beside the output directory (`cdktf.out`), and the
 * complete tree replaces the output directory in two renames, only when every
 * stack synthesized without an error (validations and error annotations
 * included, which the cdktf CLI otherwise lets through after writing the
 * files). A failed synth, or a process killed mid-synth, leaves an earlier
 * `cdktf.out` as it was: never new stacks beside old ones.
 *
 * - Every problem of every stack is reported at once, as a
 *   `CaCertificateSynthError`; with {@link AtomicApp.printUserErrorsCleanly},
 *   uncaught user errors print as their message without stack frames.
 * - Aspects added to the app apply to every stack (plain cdktf 0.21 ignores them).
 * - Files in the output directory that synth does not produce (a stack's
 *   `.terraform/`, a deploy's `outputs.json`) are kept.
 * - `synth()` may be called more than once.
 * - The output directory is swapped by renaming it, so it cannot be a mount
 *   point of its own (a container volume): mount its parent instead.
 * - Two synths into one output directory publish one after the other, under
 *   the lock `.<outdir>.lock` beside it; the second waits up to
 *   ATOMIC_APP_LOCK_WAIT_SECONDS (default 120), then fails naming the holder.
 */
export class AtomicApp extends App {
  /**
   * Makes an uncaught user error (a CaCertificateValidationError, a policy or
   * file error, a failed synth) print as its message alone and exit 1, without
   * stack frames; other errors, which are bugs, keep their stack. It adds a
   * process-wide listener, so it is the app's to ask for: call it first in
   * main.ts (nothing else installs it, AtomicApp's constructor included). One
   * listener, however often it is called. TypeScript apps only: in other
   * languages the exception reaches your own program.
   */
  public static printUserErrorsCleanly(): void {
    printUserErrorsCleanly();
  }

  /** Where the synthesized files end up. */
  public readonly targetOutdir: string;
  private readonly publishHooks: IPublishHook[];
  private readonly validate: boolean;
  /** Each app-level aspect, as handed to the stacks: visiting each construct once, however many synths. */
  private readonly handedAspects = new Map<IAspect, IAspect>();
  /** The stacks whose synthesis already runs validations into {@link validationFindings} (once per stack: cdktf's hook cannot be replaced). */
  private readonly validatedStacks = new WeakSet<TerraformStack>();
  /** The current synth's validation errors, filled while each stack is synthesized. */
  private validationFindings: SynthProblem[] = [];

  /**
   * @param config as for `App`; `outdir` (or CDKTF_OUTDIR, as the cdktf CLI sets it) is the final output directory
   */
  constructor(config: AppConfig = {}) {
    const targetOutdir = path.resolve(config.outdir ?? process.env.CDKTF_OUTDIR ?? "cdktf.out");
    const stagingDir = stagingDirFor(targetOutdir, ++instances);
    // App's constructor creates its outdir; the staging directory lives only during synth().
    fs.mkdirSync(path.dirname(targetOutdir), { recursive: true });
    // Validations run in synth() below, collected from every stack, so that all are reported.
    super({ ...config, outdir: stagingDir, skipValidation: true });
    fs.rmSync(stagingDir, { recursive: true, force: true });
    this.targetOutdir = targetOutdir;
    this.publishHooks = [];
    this.validate = !config.skipValidation;
  }

  /**
   * Runs a hook on the staging directory after a successful synth and before
   * publishing, e.g. to add a report file beside the stacks. Hooks run in the
   * order they were added, on every successful synth.
   * @param hook what to run; an exception from it fails the synth, and nothing is published
   */
  public onPublish(hook: IPublishHook): void {
    this.publishHooks.push(hook);
  }

  /**
   * Synthesizes every stack and publishes the result.
   * @throws CaCertificateSynthError (TypeScript; elsewhere an error of that name) listing every validation error and error annotation of every stack
   */
  public synth(): void {
    const stacks = this.node.findAll().filter(TerraformStack.isStack);
    this.applyAppAspectsTo(stacks);
    this.collectAllErrorAnnotations(stacks);
    this.validateWhileSynthesizing(stacks);
    this.validationFindings = [];
    fs.mkdirSync(path.join(this.outdir, "stacks"), { recursive: true });
    try {
      super.synth();
      const problems = [...this.validationFindings, ...(this.validate ? this.validationsOutsideStacks() : []), ...this.errorAnnotations()];
      if (problems.length > 0) throw new CaCertificateSynthError(problems, this.targetOutdir);
      for (const hook of this.publishHooks) hook.beforePublish(this.outdir);
      publishDirectory(this.outdir, this.targetOutdir);
    } finally {
      fs.rmSync(this.outdir, { recursive: true, force: true });
    }
  }

  /**
   * cdktf 0.21 invokes aspects per stack, starting at the stack: aspects added
   * to the App itself would never run. Hand them to every stack, once. cdktf
   * also invokes aspects again on every synth; the handed ones visit each
   * construct only once, so that a second synth does not repeat their
   * annotations (a policy's warnings, say) in the manifest.
   */
  private applyAppAspectsTo(stacks: readonly TerraformStack[]): void {
    for (const aspect of Aspects.of(this).all) {
      let once = this.handedAspects.get(aspect);
      if (once === undefined) {
        const visited = new WeakSet<IConstruct>();
        once = {
          visit: (node: IConstruct) => {
            if (visited.has(node)) return;
            visited.add(node);
            aspect.visit(node);
          },
        };
        this.handedAspects.set(aspect, once);
      }
      for (const stack of stacks) if (!Aspects.of(stack).all.includes(once)) Aspects.of(stack).add(once);
    }
  }

  /**
   * By default a stack with an error annotation aborts synth before the next
   * stack is even looked at. Give each stack cdktf's own synthesizer with its
   * public "continue on error annotations" switch (what the cdktf CLI asks for
   * through CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS), so that one run reports
   * every error of the app; they are checked below, before anything is published.
   */
  private collectAllErrorAnnotations(stacks: readonly TerraformStack[]): void {
    for (const stack of stacks) continueOnErrorAnnotations(stack, this.hclOutput);
  }

  /**
   * Runs each stack's validations where cdktf's synthesizer would: after its
   * aspects, before its annotations are written to the manifest, so that a
   * warning a validation adds (CACertificate.UnknownRegion) is in the
   * manifest and printed. cdktf would throw at the first stack with an error;
   * here the errors are collected, and checked with every stack's after synth.
   */
  private validateWhileSynthesizing(stacks: readonly TerraformStack[]): void {
    if (!this.validate) return;
    for (const stack of stacks) {
      if (this.validatedStacks.has(stack)) continue;
      // A stack that has a hook of its own (cdktf's cannot be replaced) is validated after synth instead.
      const hooked = onStackSynthesis(stack, () => {
        for (const construct of stack.node.findAll()) {
          for (const message of construct.node.validate()) this.validationFindings.push({ path: construct.node.path, message });
        }
      });
      if (hooked) this.validatedStacks.add(stack);
    }
  }

  /** Validation errors of constructs no hook above validated: in no stack (the app's own), or in a stack with a hook of its own. */
  private validationsOutsideStacks(): SynthProblem[] {
    const problems: SynthProblem[] = [];
    const walk = (construct: IConstruct): void => {
      if (TerraformStack.isStack(construct) && this.validatedStacks.has(construct)) return;
      for (const message of construct.node.validate()) problems.push({ path: construct.node.path, message });
      construct.node.children.forEach(walk);
    };
    walk(this);
    return problems;
  }

  private errorAnnotations(): SynthProblem[] {
    const manifest: ManifestJson = JSON.parse(fs.readFileSync(path.join(this.outdir, "manifest.json"), "utf8"));
    return Object.values(manifest.stacks)
      .flatMap((stack) => stack.annotations)
      .filter((annotation) => annotation.level === ERROR_LEVEL)
      .map((annotation) => ({ path: annotation.constructPath, message: annotation.message }));
  }
}
