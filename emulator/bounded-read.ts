/**
 * A bounded read of the account file, through the neutral reader in common/
 * (the emulator never imports constructs/): a device, FIFO or directory is
 * refused unread, and at most `maxBytes` + 1 bytes are read, so /dev/zero
 * cannot exhaust memory.
 */
import { UnusableFileError, readBoundedFile } from "../common/bounded-file";
import { EmulatorConfigError } from "./config-error";

/** The file's text, or undefined when it does not exist; `what` names it in errors (e.g. `SLB_EMULATOR_STATE "x"`). */
export function readBoundedText(file: string, what: string, maxBytes: number): string | undefined {
  try {
    return readBoundedFile(file, { content: "the emulated account", maxBytes, maxShown: `${maxBytes} bytes` }).toString("utf8");
  } catch (error) {
    if (!(error instanceof UnusableFileError)) throw error;
    switch (error.cause) {
      case "missing":
        return undefined;
      case "not-a-file":
        throw new EmulatorConfigError(`${what} is not a regular file: name a file (or a path where none exists yet) for the emulated account.`);
      case "too-large":
        throw new EmulatorConfigError(`${what} is larger than ${maxBytes} bytes: not an account file the emulator wrote.`);
      default:
        throw new EmulatorConfigError(`${what} ${error.reason}`);
    }
  }
}
