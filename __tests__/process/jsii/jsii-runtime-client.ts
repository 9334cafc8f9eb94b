/**
 * A client of the jsii runtime server, speaking its JSON protocol the way the
 * generated Python, Java, .NET and Go bindings do: one JSON request per line on
 * the server's stdin, one JSON answer per line on its stdout. The server is
 * @jsii/runtime's self-contained bundle (scripts/get-jsii-runtime.js); no
 * network, no language runtime but Node.
 *
 * Errors: `{ error, name, stack }`, where `name` is the thrown error's own name
 * from a constructor (`create`), `@jsii/kernel.RuntimeError` from a method or
 * property (the kernel wraps the error: the message then starts with
 * `<name>: `), or `@jsii/kernel.Fault` for a bad request; the Python binding raises `JSIIError` for a fault and
 * `RuntimeError(error)` otherwise (aws/jsii, packages/@jsii/python-runtime/src/
 * jsii/_kernel/providers/process.py, `send`).
 *
 * Values on the wire: strings, numbers, booleans, arrays and
 * `{ "$jsii.byref": "fqn@id" }` (an object living in the server),
 * `{ "$jsii.struct": { fqn, data } }` (a struct passed by value, as the Python
 * binding sends props), `{ "$jsii.map": {...} }` (a map), `{ "$jsii.date": iso }`,
 * `{ "$jsii.enum": "fqn/MEMBER" }`.
 *
 * Callbacks: an object created in the client (a Python class implementing a
 * jsii interface) is `create`d as "Object" with its interfaces and overrides;
 * when the library calls one of its methods, the server sends
 * `{ callback: { cbid, invoke: { objref, method, args } } }` in the middle of a
 * request, and the client answers `{ complete: { cbid, result } }` (or `err`).
 */
import { ChildProcessWithoutNullStreams, spawn } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as readline from "readline";

import { RUNTIME_BIN } from "../../../scripts/get-jsii-runtime";

/** A reference to an object that lives in the runtime server. */
export interface ObjRef {
  readonly "$jsii.byref": string;
  readonly "$jsii.interfaces"?: string[];
}

/** What the server answers when the JavaScript side throws. */
export class JsiiRuntimeError extends Error {
  constructor(
    message: string,
    /**
     * The `name` of the JavaScript error the library threw (e.g. `Error`), or
     * `@jsii/kernel.Fault` when the request itself was wrong. The Python binding
     * raises `JSIIError` for a fault and `RuntimeError` with the message otherwise.
     */
    public readonly errorName: string,
    /** The JavaScript stack, first line `<name>: <message>`; the Python binding chains it to the exception as `JavaScriptError`. */
    public readonly javascriptStack: string,
  ) {
    super(message);
    this.name = "JsiiRuntimeError";
  }
}

/** A struct passed by value, as a binding sends props. */
export function struct(fqn: string, data: Record<string, unknown>): unknown {
  return { "$jsii.struct": { fqn, data } };
}

/** An enum member, as a binding sends and receives it. */
export function enumMember(fqn: string, member: string): unknown {
  return { "$jsii.enum": `${fqn}/${member}` };
}

/** A Date, as a binding sends a datetime. */
export function date(value: Date): unknown {
  return { "$jsii.date": value.toISOString() };
}

/** What the server asks a client object to do. */
export interface CallbackInvoke {
  readonly objref: ObjRef;
  readonly method: string;
  readonly args: unknown[];
}

/** A map (`{ [key: string]: T }` in the API), as a binding sends a dict. */
export function map(entries: Record<string, unknown>): unknown {
  return { "$jsii.map": entries };
}

export class JsiiRuntimeClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private readonly lines: AsyncIterator<string>;
  private readonly tmpdir: string;
  private stderr = "";
  /** Runs a method of an object that lives in the client; a throw is sent back as the callback's error. */
  public onCallback: (invoke: CallbackInvoke) => unknown = (invoke) => {
    throw new Error(`no callback handler for ${invoke.method}`);
  };

  /** Starts a server. `hello` must be awaited before the first request. */
  constructor() {
    // The kernel unpacks every loaded assembly under the temporary directory:
    // give it one of its own, removed by close(); and no package cache in $HOME.
    if (!fs.existsSync(RUNTIME_BIN)) {
      throw new Error(`${RUNTIME_BIN} is missing: npm ci fetches it (prepare), or run node scripts/get-jsii-runtime.js`);
    }
    this.tmpdir = fs.mkdtempSync(path.join(os.tmpdir(), "jsii-runtime-"));
    this.child = spawn(process.execPath, [RUNTIME_BIN], {
      env: { ...process.env, TMPDIR: this.tmpdir, JSII_RUNTIME_PACKAGE_CACHE: "disabled", CHECKPOINT_DISABLE: "1" },
      stdio: ["pipe", "pipe", "pipe"],
    });
    this.child.stderr.on("data", (chunk: Buffer) => (this.stderr += chunk.toString("utf8")));
    this.lines = readline.createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** The server's greeting, e.g. `@jsii/runtime@1.140.0`. */
  async hello(): Promise<string> {
    const message = await this.next();
    if (typeof message.hello !== "string") throw new Error(`expected a hello, got ${JSON.stringify(message)}`);
    return message.hello;
  }

  /** Loads an assembly from its npm tarball, as a binding does on import. */
  load(name: string, version: string, tarball: string): Promise<{ assembly: string; types: number }> {
    return this.request({ api: "load", name, version, tarball }) as Promise<{ assembly: string; types: number }>;
  }

  /**
   * `new fqn(...args)`. A client object implementing jsii interfaces is created
   * as fqn "Object" with `interfaces`, and `overrides` naming the methods it implements.
   */
  async create(fqn: string, args: unknown[] = [], native: { interfaces?: string[]; overrides?: { method: string }[] } = {}): Promise<ObjRef> {
    return (await this.request({ api: "create", fqn, args, overrides: native.overrides ?? [], interfaces: native.interfaces ?? [] })) as ObjRef;
  }

  async get(objref: ObjRef, property: string): Promise<unknown> {
    return ((await this.request({ api: "get", objref, property })) as { value: unknown }).value;
  }

  async staticGet(fqn: string, property: string): Promise<unknown> {
    return ((await this.request({ api: "sget", fqn, property })) as { value: unknown }).value;
  }

  async invoke(objref: ObjRef, method: string, args: unknown[] = []): Promise<unknown> {
    return ((await this.request({ api: "invoke", objref, method, args })) as { result: unknown }).result;
  }

  async staticInvoke(fqn: string, method: string, args: unknown[] = []): Promise<unknown> {
    return ((await this.request({ api: "sinvoke", fqn, method, args })) as { result: unknown }).result;
  }

  /** Ends the server as a binding does at exit, and removes its unpacked assemblies. */
  async close(): Promise<void> {
    if (this.child.exitCode === null) {
      const exited = new Promise((resolve) => this.child.once("exit", resolve));
      this.child.stdin.end(JSON.stringify({ exit: 0 }) + "\n");
      await exited;
    }
    fs.rmSync(this.tmpdir, { recursive: true, force: true });
  }

  private async request(message: Record<string, unknown>): Promise<unknown> {
    this.child.stdin.write(JSON.stringify(message) + "\n");
    for (;;) {
      const answer = await this.next();
      if ("ok" in answer) return answer.ok;
      if ("error" in answer) throw new JsiiRuntimeError(String(answer.error), String(answer.name), String(answer.stack));
      if ("callback" in answer) {
        // The library calls a method of a client object: run it, answer, and wait on for the request's own answer.
        const { cbid, invoke } = answer.callback as { cbid: string; invoke?: CallbackInvoke };
        if (!invoke) throw new Error(`unexpected callback (not a method call): ${JSON.stringify(answer)}`);
        let complete: Record<string, unknown>;
        try {
          complete = { cbid, result: this.onCallback(invoke) };
        } catch (error) {
          complete = { cbid, err: String((error as Error).message ?? error) };
        }
        this.child.stdin.write(JSON.stringify({ complete }) + "\n");
        continue;
      }
      throw new Error(`unexpected message from the jsii runtime: ${JSON.stringify(answer)}`);
    }
  }

  private async next(): Promise<Record<string, unknown>> {
    const { value, done } = await this.lines.next();
    if (done) throw new Error(`the jsii runtime exited (code ${this.child.exitCode}):\n${this.decodedStderr()}`);
    return JSON.parse(value) as Record<string, unknown>;
  }

  /** The server wraps the library's console output as `{"stderr": base64}` lines. */
  decodedStderr(): string {
    return this.stderr
      .split("\n")
      .filter((line) => line.trim() !== "")
      .map((line) => {
        try {
          const wrapped = JSON.parse(line) as Record<string, string>;
          return Buffer.from(wrapped.stderr ?? wrapped.stdout ?? "", "base64").toString("utf8");
        } catch {
          return line + "\n";
        }
      })
      .join("");
  }
}
