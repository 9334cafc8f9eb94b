/**
 * The one file that reaches into cdktf's internals: what AtomicApp needs and
 * cdktf 0.21 does not export from its index. Both are in
 * `cdktf/lib/synthesize/synthesizer` (cdktn, cdktf's successor, keeps the module
 * at `cdktn/lib/synthesize/synthesizer`: a port changes the path below, and
 * nothing else). __tests__/cdktf-internals.test.ts holds cdktf to what this
 * file relies on, and fails naming the piece that changed.
 */
import { TerraformStack } from "cdktf";
import { StackSynthesizer, addCustomSynthesis } from "cdktf/lib/synthesize/synthesizer";

/** Where cdktf's addCustomSynthesis keeps a construct's hook: a stack can have one, and it cannot be replaced. */
const CUSTOM_SYNTHESIS = Symbol.for("cdktf/customSynthesis");

/**
 * Gives a stack cdktf's own synthesizer with its "continue on error
 * annotations" switch (what the cdktf CLI asks for through
 * CDKTF_CONTINUE_SYNTH_ON_ERROR_ANNOTATIONS): a stack with an error annotation
 * is written and its annotations go to the manifest, instead of aborting the
 * app's synth at that stack. A stack with a synthesizer of its own keeps it.
 * @returns whether the stack got it
 */
export function continueOnErrorAnnotations(stack: TerraformStack, hclOutput: boolean): boolean {
  if (!(stack.synthesizer instanceof StackSynthesizer)) return false;
  stack.synthesizer = new StackSynthesizer(stack, true, hclOutput);
  return true;
}

/**
 * Runs `hook` while the stack is synthesized, where cdktf runs its custom
 * synthesis: after the stack's aspects, before its annotations are collected
 * into the manifest (the stack comes last in that walk).
 * @returns false, and adds nothing, when the stack already has a hook (cdktf's cannot be replaced)
 */
export function onStackSynthesis(stack: TerraformStack, hook: () => void): boolean {
  if ((stack as unknown as Record<symbol, unknown>)[CUSTOM_SYNTHESIS] !== undefined) return false;
  addCustomSynthesis(stack, { onSynthesize: hook });
  return true;
}
