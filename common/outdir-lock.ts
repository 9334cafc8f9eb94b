/**
 * The lock of a synth output folder `<dir>/<name>`: the file
 * `<dir>/.<name>.lock`. AtomicApp takes it for each publish (a swap of the
 * folder), and a deploy holds it from its synth to its last terraform run, so
 * that no other synth (a plain `cdktf synth` in another terminal) swaps the
 * folder while terraform runs inside it. The deploy passes the lock's nonce to
 * its own synth in OUTDIR_LOCK_ENV: that synth publishes under its parent's lock.
 */
import * as path from "path";

/** The variable through which a deploy tells its own synth the nonce of the output folder's lock it holds. */
export const OUTDIR_LOCK_ENV = "CDKTF_OUTDIR_LOCK_HELD_BY";

/** The lock file of the output folder `target`. */
export function outdirLockFile(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.lock`);
}
