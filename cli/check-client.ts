/**
 * For a person debugging a refused client: will a listener trusting CA.pem
 * accept CLIENT.pem (the client certificate, then the intermediates it sends)?
 * `npm run check-client -- CA.pem CLIENT.pem` prints the verdict and exits 1
 * on a problem, 2 when the files cannot be read.
 */
import * as path from "path";
import { PemFile } from "../constructs/x509/pem-file";
import { CaCertificateFileError } from "../constructs/errors";
import { verifyClient } from "../constructs/x509/verify-client";

/** What the command prints and its exit code. */
export interface CheckClientOutcome {
  readonly exitCode: number;
  readonly output: string;
}

const USAGE = "usage: npm run check-client -- CA.pem CLIENT.pem";

/**
 * Reads with the library's bounded reader: a missing file, a directory, a device
 * such as /dev/zero or anything over 64 KiB is one line (the reason, never the
 * content), not an unbounded read.
 */
function readText(file: string, role: string): string | { error: string } {
  try {
    return PemFile.read(file);
  } catch (error) {
    if (!(error instanceof CaCertificateFileError)) throw error;
    return { error: `check-client: the ${role} file ${error.message}` };
  }
}

/** Runs the check on the two files named in `args`, as of `now`. */
export function checkClient(args: readonly string[], now: Date = new Date()): CheckClientOutcome {
  if (args.length !== 2) return { exitCode: 2, output: USAGE };
  const [caFile, clientFile] = args;
  const ca = readText(caFile, "CA");
  const client = readText(clientFile, "client");
  const unreadable = [ca, client].flatMap((text) => (typeof text === "string" ? [] : [text.error]));
  if (unreadable.length > 0) return { exitCode: 2, output: unreadable.join("\n") };

  const verdict = verifyClient(ca as string, client as string, { now, sampleName: path.basename(clientFile) });
  const lines = verdict.accepted
    ? [`OK: ${verdict.subject ?? "the client"} is accepted by the CA in ${caFile}.`]
    : [
        `REFUSED: ${verdict.problems.length === 1 ? "1 problem" : `${verdict.problems.length} problems`}:`,
        ...verdict.problems.map((p) => `  - ${p.code}: ${p.message}`),
      ];
  lines.push(...verdict.warnings.map((w) => `  warning ${w.code}: ${w.message}`));
  return { exitCode: verdict.accepted ? 0 : 1, output: lines.join("\n") };
}

if (require.main === module) {
  const outcome = checkClient(process.argv.slice(2));
  (outcome.exitCode === 0 ? console.log : console.error)(outcome.output);
  process.exitCode = outcome.exitCode;
}
