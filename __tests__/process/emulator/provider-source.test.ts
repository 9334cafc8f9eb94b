/**
 * emulator/provider-source/index.json (the functions of the Go files
 * CONFORMANCE.md cites, and alicloud_slb_listener's schema) is what the Go
 * sources at their tags give. It reads them with git from bare clones (as the
 * `fetch` tool leaves them under /work/.mirror, or SLB_SOURCE_MIRRORS): where
 * there are none (CI), the committed index stands, and the unit tests
 * (conformance.test.ts, listener-schema.test.ts) hold the document and the
 * code to it. About 3 s.
 */
import * as fs from "fs";
import * as path from "path";
import { Index, extractIndex, mirrorsPresent } from "../../../emulator/provider-source/extract";

const INDEX: Index = JSON.parse(fs.readFileSync(path.join(__dirname, "..", "..", "..", "emulator", "provider-source", "index.json"), "utf8"));

(mirrorsPresent() ? test : test.skip)(
  "provider-source/index.json is what the Go sources at their tags give",
  () => {
    expect(extractIndex()).toEqual(INDEX);
  },
  60_000,
);
