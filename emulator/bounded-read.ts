/**
 * A bounded read of the account file (the emulator never imports constructs/,
 * so this is its own): a device, FIFO or directory is refused unread, and at
 * most `maxBytes` + 1 bytes are read, so /dev/zero cannot exhaust memory.
 * The buffer starts at the file's size (not at the limit: zeroing 256 MiB
 * would cost more than reading most accounts) and grows only if the file does.
 */
import * as fs from "fs";
import { EmulatorConfigError } from "./config-error";

// Never wait on open: a FIFO swapped in after the stat is refused unread.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** The file's text, or undefined when it does not exist; `what` names it in errors (e.g. `SLB_EMULATOR_STATE "x"`). */
export function readBoundedText(file: string, what: string, maxBytes: number): string | undefined {
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT") return undefined;
    throw new EmulatorConfigError(`${what} cannot be opened (${code}): check the path.`);
  }
  try {
    const stat = fs.fstatSync(fd);
    if (!stat.isFile()) throw new EmulatorConfigError(`${what} is not a regular file: name a file (or a path where none exists yet) for the emulated account.`);
    let buffer = Buffer.alloc(Math.min(stat.size, maxBytes) + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length <= maxBytes; length += n) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, maxBytes + 1 - buffer.length))]);
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    }
    if (length > maxBytes) throw new EmulatorConfigError(`${what} is larger than ${maxBytes} bytes: not an account file the emulator wrote.`);
    return buffer.subarray(0, length).toString("utf8");
  } finally {
    fs.closeSync(fd);
  }
}
