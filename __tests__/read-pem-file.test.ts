/**
 * CaCertificate.readPemFile: the one helper apps use to read certificate files.
 * Every refusal is one CaCertificateFileError naming the path and what to do.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { CaCertificate, CaCertificateFileError, CaCertificateValidator, PemFile } from "../constructs";
import { fixture } from "./support/fixtures";
import { refusal, SAVE_IT } from "./support/pem-file-refusal";

// The module object itself (not an import-star copy), so that spies reach the code under test.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const realFs: typeof fs = require("fs");

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "read-pem-file-"));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));
afterEach(() => jest.restoreAllMocks());

function write(name: string, content: string | Buffer): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, content);
  return file;
}

describe("PemFile.read", () => {
  it("returns the text of a PEM file, byte for byte", () => {
    const pem = fixture("root-rsa2048.pem");
    expect(PemFile.read(write("ca.pem", pem))).toBe(pem);
  });

  it("is still there as the deprecated CaCertificate.readPemFile (until 0.4), with the same result and the same refusal", () => {
    const file = write("alias.pem", `\ufeff${fixture("root-rsa2048.pem")}`);
    expect(CaCertificate.readPemFile(file)).toBe(PemFile.read(file));
    expect(() => CaCertificate.readPemFile(dir)).toThrow(CaCertificateFileError);
  });

  it("drops one leading UTF-8 byte-order mark (Windows editors write one); the text is then accepted", () => {
    const pem = fixture("root-rsa2048.pem");
    const read = PemFile.read(write("bom.pem", Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(pem)])));
    expect(read).toBe(pem);
    expect(() => CaCertificateValidator.inspect(read)).not.toThrow();
  });

  it("drops only that one: a second mark, or one in a prop string, is still the validator's to refuse", () => {
    const pem = fixture("root-rsa2048.pem");
    expect(PemFile.read(write("two-boms.pem", `\ufeff\ufeff${pem}`))).toBe(`\ufeff${pem}`);
    expect(() => CaCertificateValidator.inspect(`\ufeff${pem}`)).toThrow(/the text contains the character U\+FEFF on line 1/);
  });

  it("reads a file of exactly 64 KiB, and through a symbolic link", () => {
    const file = write("limit.pem", "x".repeat(CaCertificateValidator.MAX_PEM_LENGTH));
    expect(PemFile.read(file)).toHaveLength(CaCertificateValidator.MAX_PEM_LENGTH);
    const link = path.join(dir, "link.pem");
    fs.symlinkSync(file, link);
    expect(PemFile.read(link)).toHaveLength(CaCertificateValidator.MAX_PEM_LENGTH);
  });

  it("refuses a missing file", () => {
    const file = path.join(dir, "missing.pem");
    expect(refusal(file).message).toBe(`${JSON.stringify(file)} does not exist: check the path.`);
  });

  it("refuses a relative path that does not exist, naming the working directory", () => {
    expect(refusal("no/such/ca.pem").message).toBe(
      `"no/such/ca.pem" does not exist: check the path (relative to the working directory, ${JSON.stringify(process.cwd())}).`,
    );
  });

  it("refuses a path through a file", () => {
    const file = path.join(write("plain.pem", "x"), "ca.pem");
    expect(refusal(file).message).toBe(`${JSON.stringify(file)} does not exist: a part of the path is a file, not a directory.`);
  });

  it("refuses a directory", () => {
    expect(refusal(dir).message).toBe(`${JSON.stringify(dir)} is a directory, ${SAVE_IT}`);
  });

  it("refuses /dev/zero without reading it (it never ends)", () => {
    const read = jest.spyOn(realFs, "readSync");
    expect(refusal("/dev/zero").message).toBe(`"/dev/zero" is a character device, ${SAVE_IT}`);
    expect(read).not.toHaveBeenCalled();
  });

  it("refuses a symbolic link to a device", () => {
    const link = path.join(dir, "zero.pem");
    fs.symlinkSync("/dev/zero", link);
    expect(refusal(link).message).toBe(`${JSON.stringify(link)} is a character device, ${SAVE_IT}`);
  });

  it("refuses a file over 64 KiB by its size, without reading it", () => {
    const file = write("big.bin", Buffer.alloc(150 * 1024, 0xa5));
    const read = jest.spyOn(realFs, "readSync");
    expect(refusal(file).message).toBe(
      `${JSON.stringify(file)} is 153600 bytes; the limit is 65536 bytes (64 KiB): check that it holds the certificate in PEM and nothing else.`,
    );
    expect(read).not.toHaveBeenCalled();
  });

  it("reads at most 64 KiB + 1 bytes when the size it was told is wrong (a file growing, a /proc file)", () => {
    const file = write("growing.pem", Buffer.alloc(150 * 1024, 0x41));
    const [realStat, realFstat] = [realFs.statSync, realFs.fstatSync];
    const small = (stats: fs.Stats) => Object.assign(Object.create(stats), { size: 10 });
    // stat and fstat report the file as small, as for a file that grows after the check.
    jest.spyOn(realFs, "statSync").mockImplementation(((p: fs.PathLike) => small(realStat(p))) as typeof fs.statSync);
    jest.spyOn(realFs, "fstatSync").mockImplementation(((fd: number) => small(realFstat(fd))) as typeof fs.fstatSync);
    const read = jest.spyOn(realFs, "readSync");
    expect(refusal(file).message).toBe(
      `${JSON.stringify(file)} is more than 65536 bytes; the limit is 65536 bytes (64 KiB): check that it holds the certificate in PEM and nothing else.`,
    );
    const bytesAsked = read.mock.calls.reduce((sum, call) => sum + Number((call as unknown[])[3]), 0);
    expect(bytesAsked).toBeLessThanOrEqual(CaCertificateValidator.MAX_PEM_LENGTH + 1);
  });
});
