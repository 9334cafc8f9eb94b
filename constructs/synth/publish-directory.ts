import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { isRunning } from "../../common/pid-lock";
import { withPublishLock } from "./publish-lock";

/** A host name as it can appear in a file name (and be compared with another written the same way). */
function hostTag(hostname: string = os.hostname()): string {
  return hostname.replace(/[^A-Za-z0-9.]/g, "_") || "_";
}

/**
 * The directories beside a published directory `<dir>/<name>`: `.<name>.staging-<host>-<pid>-<n>`,
 * where a synth builds the next tree, and `.<name>.previous`, where the
 * published tree waits during the swap.
 */
export function stagingDirFor(target: string, instance: number): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.staging-${hostTag()}-${process.pid}-${instance}`);
}

function previousDirFor(target: string): string {
  return path.join(path.dirname(target), `.${path.basename(target)}.previous`);
}

function exists(file: string): boolean {
  return fs.existsSync(file) || isSymlink(file);
}

function isSymlink(file: string): boolean {
  try {
    return fs.lstatSync(file).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * Puts files that exist only in the published tree (a stack's `.terraform/`,
 * `outputs.json` from a deploy) into the staged tree too, as hard links (a
 * copy where linking is refused): synth never deletes what it did not write.
 */
function carryOver(from: string, to: string): void {
  for (const entry of fs.readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    const target = path.join(to, entry.name);
    if (entry.isDirectory()) {
      if (!exists(target)) fs.mkdirSync(target);
      if (fs.lstatSync(target).isDirectory()) carryOver(source, target);
    } else if (!exists(target)) {
      if (entry.isSymbolicLink()) fs.symlinkSync(fs.readlinkSync(source), target);
      else linkOrCopy(source, target);
    }
  }
}

function linkOrCopy(source: string, target: string): void {
  try {
    fs.linkSync(source, target);
  } catch {
    fs.copyFileSync(source, target);
  }
}

/**
 * Removes staging directories that processes of this host no longer running
 * left behind (killed mid-synth). One of another host, or another PID
 * namespace with its own host name (a container sharing the folder), is left
 * alone: its pid means nothing here.
 */
function removeAbandonedStaging(target: string): void {
  const prefix = `.${path.basename(target)}.staging-`;
  for (const name of fs.readdirSync(path.dirname(target))) {
    const owner = name.startsWith(prefix) ? /^(.+)-(\d+)-\d+$/.exec(name.slice(prefix.length)) : null;
    if (owner === null || owner[1] !== hostTag()) continue;
    const pid = Number(owner[2]);
    if (pid !== process.pid && !isRunning(pid)) fs.rmSync(path.join(path.dirname(target), name), { recursive: true, force: true });
  }
}

/**
 * Finishes a swap that a killed process left half done: the published tree is
 * either in place or waiting in `.previous`, never gone.
 */
function recoverPublishedDir(target: string): void {
  const previous = previousDirFor(target);
  if (!exists(previous)) return;
  if (exists(target)) fs.rmSync(previous, { recursive: true, force: true });
  else fs.renameSync(previous, target);
}

/**
 * Replaces the directory `target` by the complete tree in `staging`, with two
 * renames: readers see the old tree or the new one, never a mix. Files only
 * the old tree had are kept (see carryOver). If the process dies between the
 * renames, `target` is missing and the old tree waits in `.<name>.previous`;
 * the next publish puts it back first. Staging and target must share a file
 * system (they are siblings). Holds the target's lock throughout (see
 * withPublishLock): a concurrent synth waits rather than recover this swap.
 */
export function publishDirectory(staging: string, target: string): void {
  withPublishLock(target, () => swapIn(staging, target));
}

function swapIn(staging: string, target: string): void {
  recoverPublishedDir(target);
  removeAbandonedStaging(target);
  const previous = previousDirFor(target);
  if (exists(target)) {
    carryOver(target, staging);
    fs.renameSync(target, previous);
  }
  fs.renameSync(staging, target);
  fs.rmSync(previous, { recursive: true, force: true });
}
