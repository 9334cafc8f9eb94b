import * as fs from "fs";
import * as nodePath from "path";
import { CaCertificateFileError } from "./errors";

/** What the refusals call the file and what it should hold, e.g. "the CA certificate as a PEM file". */
export interface BoundedFileKind {
  /** What the file should hold, used in "save <it> to a file": e.g. "the CA certificate in PEM". */
  readonly content: string;
  /** Largest size accepted, in bytes. */
  readonly maxBytes: number;
  /** The limit as people say it, e.g. "64 KiB". */
  readonly maxShown: string;
}

// Opening never waits: a FIFO swapped in after the stat is opened without blocking, then refused unread.
const OPEN_FLAGS = fs.constants.O_RDONLY | (fs.constants.O_NONBLOCK ?? 0);

/**
 * Reads a regular file of at most `kind.maxBytes` bytes, reading at most one
 * byte more than that. Devices, FIFOs, sockets and directories are refused
 * without being read (a FIFO or /dev/zero would block or never end).
 * @throws CaCertificateFileError naming the path and what to do
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
    throw new CaCertificateFileError(path, openFailure(path, error));
  }
  try {
    // The file may have been swapped since the stat: judge what was opened.
    const stat = statOrRefuse(path, () => fs.fstatSync(fd));
    refuseUnlessRegular(path, kind, stat);
    return readAtMost(path, fd, kind);
  } finally {
    fs.closeSync(fd);
  }
}

function statOrRefuse(path: string, stat: () => fs.Stats): fs.Stats {
  try {
    return stat();
  } catch (error) {
    throw new CaCertificateFileError(path, openFailure(path, error));
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
    throw new CaCertificateFileError(path, `is ${other}, not a regular file: save ${kind.content} to a file and give its path.`);
  }
  if (stat.size > kind.maxBytes) throw new CaCertificateFileError(path, tooLarge(kind, `${stat.size} bytes`));
}

function tooLarge(kind: BoundedFileKind, size: string): string {
  return `is ${size}; the limit is ${kind.maxBytes} bytes (${kind.maxShown}): check that it holds ${kind.content} and nothing else.`;
}

function readAtMost(path: string, fd: number, kind: BoundedFileKind): Buffer {
  // One byte over the limit is enough to know the file is too large (it may have grown since fstat).
  const buffer = Buffer.alloc(kind.maxBytes + 1);
  let length = 0;
  try {
    for (let n = -1; n !== 0 && length < buffer.length; length += n) {
      n = fs.readSync(fd, buffer, length, buffer.length - length, null);
    }
  } catch (error) {
    throw new CaCertificateFileError(path, `cannot be read (${codeOf(error)}): check that it is ${kind.content}.`);
  }
  if (length > kind.maxBytes) throw new CaCertificateFileError(path, tooLarge(kind, `more than ${kind.maxBytes} bytes`));
  return buffer.subarray(0, length);
}

function codeOf(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === "string" ? code : String((error as Error | undefined)?.message ?? error);
}

/** Why open or stat failed, in words. */
function openFailure(path: string, error: unknown): string {
  switch (codeOf(error)) {
    case "ENOENT":
      return nodePath.isAbsolute(path)
        ? "does not exist: check the path."
        : `does not exist: check the path (relative to the working directory, ${JSON.stringify(process.cwd())}).`;
    case "ENOTDIR":
      return "does not exist: a part of the path is a file, not a directory.";
    case "EACCES":
    case "EPERM":
      return "cannot be opened: permission denied. Check its permissions.";
    case "ELOOP":
      return "cannot be opened: too many symbolic links (a link loop?).";
    case "ENAMETOOLONG":
      return "cannot be opened: the path is too long.";
    default:
      return `cannot be opened (${codeOf(error)}): check the path.`;
  }
}
