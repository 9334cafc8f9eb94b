/**
 * Reads the PEM file a person gives `upload-ca`, without trusting it (the
 * local cloud never loads the construct library, so this is its own): a
 * device, FIFO, socket or directory is refused unread, and at most 64 KiB + 1
 * bytes are read. Each refusal is one line naming the path.
 */
import * as fs from "fs";
import * as path from "path";

const MAX_BYTES = 64 * 1024;
// Opening never waits: a FIFO swapped in after the stat is opened without blocking, then refused unread.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/** A file that cannot be used: the message is the path, quoted, then the reason. */
export class PemFileError extends Error {
  constructor(file: string, reason: string) {
    super(`${JSON.stringify(file)} ${reason}`);
    this.name = "PemFileError";
  }
}

function kindOf(stat: fs.Stats): string | undefined {
  if (stat.isFile()) return undefined;
  if (stat.isDirectory()) return "a directory";
  if (stat.isFIFO()) return "a named pipe (FIFO), left unread because reading it could wait forever";
  if (stat.isCharacterDevice()) return "a character device";
  if (stat.isBlockDevice()) return "a block device";
  return stat.isSocket() ? "a socket" : "an unknown kind of file";
}

function refuseUnlessPlain(file: string, stat: fs.Stats): void {
  const kind = kindOf(stat);
  if (kind !== undefined) throw new PemFileError(file, `is ${kind}, not a regular file: save the certificate in PEM to a file and give its path.`);
  if (stat.size > MAX_BYTES)
    throw new PemFileError(
      file,
      `is ${stat.size} bytes; the limit is ${MAX_BYTES} bytes (64 KiB): check that it holds the certificate in PEM and nothing else.`,
    );
}

function failure(file: string, error: unknown): PemFileError {
  const code = (error as NodeJS.ErrnoException).code;
  if (code === "ENOENT") {
    const where = path.isAbsolute(file) ? "" : ` (relative to the working directory, ${JSON.stringify(process.cwd())})`;
    return new PemFileError(file, `does not exist: check the path${where}.`);
  }
  if (code === "EACCES" || code === "EPERM") return new PemFileError(file, "cannot be read (permission denied): check its permissions.");
  return new PemFileError(file, `cannot be read (${code ?? "unknown error"}).`);
}

/** The file's text (one leading UTF-8 byte-order mark dropped); throws PemFileError. */
export function readPemFile(file: string): string {
  try {
    refuseUnlessPlain(file, fs.statSync(file));
  } catch (error) {
    throw error instanceof PemFileError ? error : failure(file, error);
  }
  let fd: number;
  try {
    fd = fs.openSync(file, OPEN_FLAGS);
  } catch (error) {
    throw failure(file, error);
  }
  try {
    // The file may have been swapped since the stat: judge what was opened.
    refuseUnlessPlain(file, fs.fstatSync(fd));
    const buffer = Buffer.alloc(MAX_BYTES + 1);
    let length = 0;
    for (let n = -1; n !== 0 && length < buffer.length; length += n) n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    if (length > MAX_BYTES)
      throw new PemFileError(
        file,
        `is over ${MAX_BYTES} bytes; the limit is ${MAX_BYTES} bytes (64 KiB): check that it holds the certificate in PEM and nothing else.`,
      );
    return buffer
      .subarray(0, length)
      .toString("utf8")
      .replace(/^\uFEFF/, "");
  } finally {
    fs.closeSync(fd);
  }
}
