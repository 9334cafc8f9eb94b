/**
 * Reads a file that a user named, without trusting it: a device, FIFO, socket
 * or directory is refused unread (a FIFO or /dev/zero would block or never
 * end), and at most one byte more than the limit is read. Neutral: the library
 * and the emulator both use it, each turning {@link UnusableFileError} into an
 * error of its own.
 */
import * as fs from "fs";
import * as nodePath from "path";

/** What the refusals call the file and how large it may be. */
export interface BoundedFileKind {
  /** What the file should hold, used in "save <it> to a file": e.g. "the CA certificate in PEM". */
  readonly content: string;
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
  /** The limit as people say it, e.g. "64 KiB". */
  readonly maxShown: string;
}

/** Why a file was refused: it does not exist, is not a regular file, is too large, or cannot be opened or read. */
export type UnusableFileCause = "missing" | "not-a-file" | "too-large" | "unreadable";

/** A file that cannot be used as input. The message is the path, quoted, then the reason. */
export class UnusableFileError extends Error {
  /**
   * @param path the path exactly as the caller gave it
   * @param cause why, for a caller that words it its own way
   * @param reason what is wrong and what to do, as a sentence without the path
   */
  constructor(
    public readonly path: string,
    public readonly cause: UnusableFileCause,
    public readonly reason: string,
  ) {
    super(`${JSON.stringify(path)} ${reason}`);
    this.name = "UnusableFileError";
  }
}

// Opening never waits: a FIFO swapped in after the stat is opened without blocking, then refused unread.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `kind.maxBytes` bytes, reading at most one
 * byte more than that.
 * @throws UnusableFileError naming the path and what to do
 */
export function readBoundedFile(path: string, kind: BoundedFileKind): Buffer {
  refuseUnlessRegular(
    path,
    kind,
    statOrRefuse(path, () => fs.statSync(path)),
  );
  let fd: number;
  try {
    fd = fs.openSync(path, OPEN_FLAGS);
  } catch (error) {
    throw openFailure(path, error);
  }
  try {
    // The file may have been swapped since the stat: judge what was opened.
    const stat = statOrRefuse(path, () => fs.fstatSync(fd));
    refuseUnlessRegular(path, kind, stat);
    return readAtMost(path, fd, kind, stat.size);
  } finally {
    fs.closeSync(fd);
  }
}

function statOrRefuse(path: string, stat: () => fs.Stats): fs.Stats {
  try {
    return stat();
  } catch (error) {
    throw openFailure(path, error);
  }
}

function refuseUnlessRegular(path: string, kind: BoundedFileKind, stat: fs.Stats): void {
  const other = stat.isDirectory()
    ? "a directory"
    : stat.isFIFO()
      ? "a named pipe (FIFO), left unread because reading it could wait forever"
      : stat.isCharacterDevice()
        ? "a character device"
        : stat.isBlockDevice()
          ? "a block device"
          : stat.isSocket()
            ? "a socket"
            : stat.isFile()
              ? undefined
              : "an unknown kind of file";
  if (other !== undefined) {
    throw new UnusableFileError(path, "not-a-file", `is ${other}, not a regular file: save ${kind.content} to a file and give its path.`);
  }
  if (stat.size > kind.maxBytes) throw new UnusableFileError(path, "too-large", tooLarge(kind, `${stat.size} bytes`));
}

function tooLarge(kind: BoundedFileKind, size: string): string {
  return `is ${size}; the limit is ${kind.maxBytes} bytes (${kind.maxShown}): check that it holds ${kind.content} and nothing else.`;
}

function readAtMost(path: string, fd: number, kind: BoundedFileKind, size: number): Buffer {
  // One byte over the limit is enough to know the file is too large (it may have grown since fstat). The buffer
  // starts at the file's size and grows only if the file does: zeroing a 256 MiB limit costs 12 ms a read.
  let buffer = Buffer.alloc(Math.min(size, kind.maxBytes) + 1);
  let length = 0;
  try {
    for (let n = -1; n !== 0 && length <= kind.maxBytes; length += n) {
      if (length === buffer.length) buffer = Buffer.concat([buffer, Buffer.alloc(Math.min(buffer.length, kind.maxBytes + 1 - buffer.length))]);
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    }
  } catch (error) {
    throw new UnusableFileError(path, "unreadable", `cannot be read (${codeOf(error)}): check that it is ${kind.content}.`);
  }
  if (length > kind.maxBytes) throw new UnusableFileError(path, "too-large", tooLarge(kind, `more than ${kind.maxBytes} bytes`));
  return buffer.subarray(0, length);
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : String((error as Error | undefined)?.message ?? error);
}

/** Why open or stat failed, in words. */
function openFailure(path: string, error: unknown): UnusableFileError {
  const refuse = (reason: string) => new UnusableFileError(path, "unreadable", reason);
  switch (codeOf(error)) {
    case "ENOENT":
      return new UnusableFileError(
        path,
        "missing",
        nodePath.isAbsolute(path)
          ? "does not exist: check the path."
          : `does not exist: check the path (relative to the working directory, ${JSON.stringify(process.cwd())}).`,
      );
    case "ENOTDIR":
      return new UnusableFileError(path, "missing", "does not exist: a part of the path is a file, not a directory.");
    case "EACCES":
    case "EPERM":
      return refuse("cannot be opened: permission denied. Check its permissions.");
    case "ELOOP":
      return refuse("cannot be opened: too many symbolic links (a link loop?).");
    case "ENAMETOOLONG":
      return refuse("cannot be opened: the path is too long.");
    default:
      return refuse(`cannot be opened (${codeOf(error)}): check the path.`);
  }
}
