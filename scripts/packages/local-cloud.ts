/**
 * The local cloud, `alicloud-slb-local-cloud` (bin `slb-local-cloud`): the
 * emulator, its command line and the cdktf runner they share, compiled to
 * JavaScript (local-cloud/main.ts, emulator/main.ts and all they load), with the provider schema
 * it serves. It never carries the construct library; its runtime
 * dependencies are its own.
 */
import * as fs from "fs";
import * as path from "path";
import { sourceClosure, transpile } from "../../local-cloud/transpile";
import { copyInto, pack, rootPackageJson } from "./stage";

export const LOCAL_CLOUD_PACKAGE = "alicloud-slb-local-cloud";

/** The packages the compiled code loads, with the version ranges the repository tests it with. */
const DEPENDENCIES = ["@grpc/grpc-js", "@grpc/proto-loader", "@msgpack/msgpack", "node-forge", "re2js"];

/** Stages and packs the local cloud into `outDir`; returns the tarball's path. */
export function packLocalCloud(root: string, staging: string, outDir: string): string {
  const library = rootPackageJson(root);
  const ranges = { ...(library.devDependencies as Record<string, string>), ...(library.dependencies as Record<string, string>) };
  const write = (relative: string, text: string) => {
    const target = path.join(staging, "lib", relative);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    fs.writeFileSync(target, text, { mode: 0o644 });
  };
  // The command line, and the provider it installs (terraform starts it; nothing imports it).
  transpile(sourceClosure([path.join(root, "local-cloud", "main.ts"), path.join(root, "emulator", "main.ts")]), root, write);
  for (const file of fs.readdirSync(path.join(root, "schema-cache"))) copyInto(root, staging, path.join("schema-cache", file));
  copyInto(root, staging, "LICENSE");
  fs.copyFileSync(path.join(root, "local-cloud", "README.md"), path.join(staging, "README.md"));
  const manifest = {
    name: LOCAL_CLOUD_PACKAGE,
    version: library.version,
    description: "Alibaba Cloud SLB on your machine: a local aliyun/alicloud provider for terraform and cdktf, and its console (slb-local-cloud).",
    license: library.license,
    author: library.author,
    repository: library.repository,
    // zlib.crc32 (the data source's ID, as the provider's hashcode.String) came in Node 20.15.
    engines: { node: ">=20.15" },
    bin: { "slb-local-cloud": "lib/local-cloud/main.js" },
    exports: { "./package.json": "./package.json" },
    files: ["lib", "schema-cache"],
    dependencies: Object.fromEntries(DEPENDENCIES.map((name) => [name, ranges[name]])),
  };
  for (const [name, range] of Object.entries(manifest.dependencies)) if (range === undefined) throw new Error(`no version of ${name} in package.json`);
  return pack(staging, manifest, outDir);
}
