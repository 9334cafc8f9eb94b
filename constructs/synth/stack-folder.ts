/**
 * The folder a stack's Terraform runs in, as a command line a user pastes in
 * the app's folder names it: `<outdir>/stacks/<stack>`, where `<outdir>` is
 * where the app is really synthesized to, not always `cdktf.out`: a local
 * deploy (slb-local-cloud) synthesizes into `.local-cloud/out/.../cdktf.out`
 * (local-cloud/places.ts), and there `cdktf.out` holds the real cloud's stacks.
 * Internal: not exported from the package.
 */
import * as path from "path";
import { App, TerraformStack } from "cdktf";
import { AtomicApp } from "./atomic-app";

/** Characters a shell word needs no quotes for. */
const PLAIN_WORD = /^[\w./+:@-]+$/;

/**
 * The stack's folder, relative to `cwd` when below it, else absolute; quoted
 * for a POSIX shell when it needs to be, and with Terraform's `${` and `%{`
 * escaped, so that it can go into a check's error_message as it is.
 * @param stack the stack
 * @param cwd the folder the user runs the command from: the app's folder, where cdktf runs the app
 */
export function stackFolderForCommands(stack: TerraformStack, cwd: string = process.cwd()): string {
  const app = App.of(stack);
  // AtomicApp synthesizes into a staging folder (its outdir) and then publishes into targetOutdir.
  const outdir = path.resolve(cwd, app instanceof AtomicApp ? app.targetOutdir : app.outdir);
  const folder = path.join(outdir, "stacks", stack.node.id);
  const relative = path.relative(cwd, folder);
  const below = relative !== "" && relative !== ".." && !relative.startsWith(`..${path.sep}`) && !path.isAbsolute(relative);
  const shown = below ? relative : folder;
  const word = PLAIN_WORD.test(shown) ? shown : `'${shown.replace(/'/g, "'\\''")}'`;
  return word.replace(/([$%])\{/g, "$1$1{");
}
