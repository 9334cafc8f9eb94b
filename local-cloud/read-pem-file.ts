/**
 * Reads the PEM file a person gives `upload-ca` as common/bounded-file.ts
 * reads any file a user names (the local cloud never loads the construct
 * library): a device, FIFO, socket or directory refused unread, at most
 * 64 KiB + 1 bytes read, each refusal an UnusableFileError naming the path.
 */
import { readBoundedFile } from "../common/bounded-file";

const PEM_FILE = { content: "the certificate in PEM", maxBytes: 64 * 1024, maxShown: "64 KiB" };

/** The file's text, one leading UTF-8 byte-order mark dropped (Windows editors write one). */
export function readPemFile(file: string): string {
  const text = readBoundedFile(file, PEM_FILE).toString("utf8");
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
