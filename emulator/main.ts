/**
 * Entry point of the local SLB provider: serves tfplugin6 over gRPC with
 * mutual TLS on a Unix socket, and tells Terraform where in go-plugin's
 * handshake line (the only thing ever written to stdout; logs go to stderr).
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import * as protoLoader from "@grpc/proto-loader";
import { countFaultsPerParentProcess } from "./faults";
import { providerService } from "./provider";
import { loadSchemas } from "./schema";
import { serverIdentity } from "./tls";

const MAGIC_COOKIE_KEY = "TF_PLUGIN_MAGIC_COOKIE";
const MAGIC_COOKIE_VALUE = "d602bf8f470bc67ca7faa0386276bbdd4330efaf76d1a219cb4d6991ca9872b2";

const LOADER_OPTIONS: protoLoader.Options = { keepCase: true, longs: Number, enums: Number, bytes: Buffer, defaults: true, oneofs: true };

/**
 * Lets go of stdout once the handshake line is written, pointing fd 1 at /dev/null. go-plugin v1.6.0 (Terraform
 * 1.11.4's) scans the plugin's stdout until EOF, but closes that pipe when the process exits without waiting for
 * the scan (v1.6.1 waits): a plugin that holds stdout to its exit races it, and the loser logs
 * "[ERROR] provider: error encountered while scanning stdout: error=\"read |0: file already closed\"".
 * Letting go now gives the scanner its EOF long before the exit. Nothing else is written to stdout.
 */
function detachStdout(): void {
  fs.closeSync(1);
  // The lowest free descriptor, so 1 again (synchronous: nothing else opens one in between): a stray write
  // to stdout lands in /dev/null, never in a file opened later.
  const fd = fs.openSync("/dev/null", "w");
  if (fd !== 1) fs.closeSync(fd);
}

function main(): void {
  if (process.env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    process.stderr.write("This is a Terraform provider plugin (a local stand-in for aliyun/alicloud). Terraform starts it; it is not run by hand.\n");
    process.exit(1);
  }
  const clientCert = process.env.PLUGIN_CLIENT_CERT;
  if (!clientCert) {
    process.stderr.write("PLUGIN_CLIENT_CERT is not set: Terraform must start this plugin with TLS.\n");
    process.exit(1);
  }
  // One terraform command starts several provider processes: SLB_EMULATOR_FAIL counts per command.
  countFaultsPerParentProcess();
  const identity = serverIdentity();
  const packages = grpc.loadPackageDefinition(
    protoLoader.loadSync([path.join(__dirname, "tfplugin6.proto"), path.join(__dirname, "go-plugin.proto")], LOADER_OPTIONS),
  ) as unknown as { readonly [pkg: string]: { readonly [service: string]: { readonly service: grpc.ServiceDefinition } } };

  const server = new grpc.Server();
  server.addService(packages.tfplugin6.Provider.service, providerService(loadSchemas()));

  const socketDir = fs.mkdtempSync(path.join(process.env.PLUGIN_UNIX_SOCKET_DIR || os.tmpdir(), "slb-provider-"));
  const socket = path.join(socketDir, "plugin.sock");
  const cleanUp = () => fs.rmSync(socketDir, { recursive: true, force: true });
  const exit = () => {
    server.forceShutdown();
    cleanUp();
    process.exit(0);
  };
  server.addService(packages.plugin.GRPCController.service, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<object>) => {
      callback(null, {});
      // Without exiting here, Terraform waits 2 s for every provider process.
      setImmediate(exit);
    },
  });
  process.on("SIGTERM", exit);
  process.on("SIGINT", exit);

  const credentials = grpc.ServerCredentials.createSsl(
    Buffer.from(clientCert),
    [{ cert_chain: Buffer.from(identity.certPem), private_key: Buffer.from(identity.keyPem) }],
    true,
  );
  server.bindAsync(`unix://${socket}`, credentials, (error) => {
    if (error) {
      process.stderr.write(`cannot listen on ${socket}: ${error.message}\n`);
      cleanUp();
      process.exit(1);
    }
    process.stdout.write(`1|6|unix|${socket}|grpc|${identity.certBase64}\n`, detachStdout);
  });
}

main();
