/**
 * The command line's view of cdktf (cli/cdktf/): which lines of cdktf's
 * output a log shows, when colour is on, how stacks are ordered and chosen,
 * and how deploy arguments split.
 */
import { cdktfEnv } from "../cli/cdktf/cdktf-env";
import { logLine, synthFailureLine } from "../cli/cdktf/cdktf-log";
import { CommandError } from "../cli/cdktf/command-error";
import { invocation } from "../cli/cdktf/main-runner";
import { runLockFile } from "../cli/cdktf/run-lock";
import { parseStackArgs } from "../cli/cdktf/stack-args";
import { synthOutdir } from "../cli/cdktf/synth";
import { dependencyOrder, selectStacks } from "../cli/cdktf/stacks";
import { colourWanted, stripAnsi } from "../cli/cdktf/terminal";

describe("colour", () => {
  it.each([
    [{}, true, true],
    [{}, false, false],
    [{ NO_COLOR: "1" }, true, false],
    [{ NO_COLOR: "" }, true, true],
    [{ FORCE_COLOR: "1" }, false, true],
    [{ FORCE_COLOR: "0" }, true, false],
    [{ FORCE_COLOR: "false" }, true, false],
    [{ NO_COLOR: "1", FORCE_COLOR: "1" }, true, false],
  ])("%j on a terminal=%s: colour %s", (env, terminal, expected) => {
    expect(colourWanted(env, terminal)).toBe(expected);
  });

  it("cdktf gets FORCE_COLOR=0 (so terraform gets -no-color) and CI=true when its output is not a terminal", () => {
    expect(cdktfEnv({}, false)).toMatchObject({ FORCE_COLOR: "0", CI: "true", CDKTF_DISABLE_PLUGIN_CACHE_ENV: "1", CHECKPOINT_DISABLE: "1" });
    expect(cdktfEnv({}, true).FORCE_COLOR).toBeUndefined();
    expect(cdktfEnv({}, true).CI).toBeUndefined();
    expect(cdktfEnv({ CI: "1" }, false).CI).toBe("1");
    expect(cdktfEnv({ NO_COLOR: "1" }, true).FORCE_COLOR).toBe("0");
  });

  it("strips colours, styles and links", () => {
    expect(stripAnsi("\u001b[0m\u001b[1m\u001b[32mApply complete!\u001b[0m \u001b]8;;https://x\u0007link\u001b]8;;\u0007")).toBe("Apply complete! link");
  });
});

describe("cdktf's lines in a log", () => {
  const plain = { colour: false };

  it("drops escape codes unless colour is wanted", () => {
    expect(logLine("\u001b[1mPlan:\u001b[0m 1 to add", plain)).toBe("Plan: 1 to add");
    expect(logLine("\u001b[1mPlan:\u001b[0m 1 to add", { colour: true })).toBe("\u001b[1mPlan:\u001b[0m 1 to add");
  });

  it("shows the app's stderr without cdktf's logger prefix (which calls every line an ERROR)", () => {
    expect(logLine("\u001b[91m[2026-12-06T04:47:24.920] [ERROR] default - \u001b[39mWaiting for another synth to finish", plain)).toBe(
      "Waiting for another synth to finish",
    );
  });

  it("drops spinner frames and the status bar, which counts a failed stack as done", () => {
    expect(logLine("\u2838  Synthesizing", plain)).toBeUndefined();
    expect(logLine("0 Stacks deploying     1 Stack done     0 Stacks waiting", plain)).toBeUndefined();
    expect(logLine("1 Stack destroying     0 Stacks done     1 Stack waiting", plain)).toBeUndefined();
    expect(logLine("pki  1 Stack done", plain)).toBe("pki  1 Stack done");
  });

  it("replaces the stack name that cdktf puts before a chunk of terraform output, wherever the chunk starts", () => {
    const options = { colour: false, stack: "edge" };
    expect(logLine("edge  LPTf+UfH3jZKHNMQjdjRhcB9j9rkJwIDAQABo4GTMIGQMAwGA1UdEwEB/wQCMAAw", options)).toBe(
      "      LPTf+UfH3jZKHNMQjdjRhcB9j9rkJwIDAQABo4GTMIGQMAwGA1UdEwEB/wQCMAAw",
    );
    expect(logLine("\u001b[1m\u001b[33medge\u001b[39m\u001b[22m  Apply complete!", { colour: true, stack: "edge" })).toBe("      Apply complete!");
    expect(logLine("      DgYDVR0PAQH/BAQDAgWgMBMGA1UdJQQMMAoGCCsGAQUFBwMBMB0GA1UdDgQWBBSD", options)).toBe(
      "      DgYDVR0PAQH/BAQDAgWgMBMGA1UdJQQMMAoGCCsGAQUFBwMBMB0GA1UdDgQWBBSD",
    );
    expect(logLine("  edge", options)).toBe("  edge");
  });

  it("drops blank lines in a synth (cdktf's logger adds one after each write of the app), not in a deploy", () => {
    expect(logLine("", { colour: false, synth: true })).toBeUndefined();
    expect(logLine("", plain)).toBe("");
  });

  it("a failed synth ends with one line: the command and how it ended", () => {
    const summary = [
      "\u001b[91mERROR: cdktf encountered an error while synthesizing\u001b[39m",
      "",
      "Synth command: node app.js",
      "Error:         non-zero exit code 1",
      "",
      "Command output on stderr:",
      "",
      "    [s/Ca] 1 problem with the CA certificate:",
      "",
    ].join("\n");
    expect(synthFailureLine(summary)).toBe("cdktf synth failed: `node app.js` ended with non-zero exit code 1");
    expect(synthFailureLine("Error: terraform init failed with exit code 1\n")).toBeNull();
  });
});

describe("stacks", () => {
  const stack = (name: string, ...dependencies: string[]) => ({ name, dependencies, localState: true });

  it("run after the stacks they read from, otherwise in the manifest's order", () => {
    expect(dependencyOrder([stack("edge", "pki"), stack("api", "edge", "pki"), stack("pki"), stack("audit")]).map((s) => s.name)).toEqual([
      "pki",
      "edge",
      "api",
      "audit",
    ]);
  });

  it("are destroyed in the reverse order; a selection keeps the order", () => {
    const all = dependencyOrder([stack("edge", "pki"), stack("pki")]);
    expect(selectStacks(all, [], "deploy").map((s) => s.name)).toEqual(["pki", "edge"]);
    expect(selectStacks(all, [], "destroy").map((s) => s.name)).toEqual(["edge", "pki"]);
    expect(selectStacks(all, ["edge", "pki"], "deploy").map((s) => s.name)).toEqual(["pki", "edge"]);
  });

  it("an unknown name is one line naming the app's stacks, exit 2", () => {
    const all = dependencyOrder([stack("edge", "pki"), stack("pki")]);
    expect(() => selectStacks(all, ["egde"], "destroy")).toThrow(new CommandError('The app has no stack "egde"; its stacks: pki, edge.', 2));
  });

  it("a circle is refused, naming it", () => {
    expect(() => dependencyOrder([stack("a", "b"), stack("b", "a")])).toThrow("The stacks depend on each other in a circle: a -> b -> a.");
  });
});

describe("deploy and destroy arguments", () => {
  it("names first, then cdktf's options (with or without --)", () => {
    expect(parseStackArgs([])).toEqual({ stacks: [], cdktfOptions: [] });
    expect(parseStackArgs(["pki", "edge"])).toEqual({ stacks: ["pki", "edge"], cdktfOptions: [] });
    expect(parseStackArgs(["pki", "--var", "x=1"])).toEqual({ stacks: ["pki"], cdktfOptions: ["--var", "x=1"] });
    expect(parseStackArgs(["--", "--var", "x=1"])).toEqual({ stacks: [], cdktfOptions: ["--var", "x=1"] });
  });
});

describe("how a run is named to whoever waits for it", () => {
  it("as typed: the program and its arguments, npm run <script>, or npx", () => {
    expect(invocation("slb-ca", ["deploy", "pki"], {}, "/app/node_modules/.bin/slb-ca")).toBe("slb-ca deploy pki");
    const npmRun = { npm_lifecycle_event: "deploy:local", npm_lifecycle_script: "node --import tsx app/deploy-local.ts deploy" };
    expect(invocation("slb-local-cloud", ["deploy"], npmRun, "/repo/app/deploy-local.ts")).toBe("npm run deploy:local");
    expect(invocation("slb-ca", ["deploy"], { npm_lifecycle_event: "npx", npm_lifecycle_script: "'slb-ca'" }, "/app/node_modules/.bin/slb-ca")).toBe(
      "npx slb-ca deploy",
    );
  });

  it("npm's variables of another script (a test run that started this process) do not count", () => {
    const testRun = { npm_lifecycle_event: "test", npm_lifecycle_script: "npm run typecheck && jest" };
    expect(invocation("slb-local-cloud", ["deploy"], testRun, "/repo/local-cloud/main.ts")).toBe("slb-local-cloud deploy");
  });
});

describe("the run lock belongs to the output folder", () => {
  it("is .cdktf-deploy.lock beside cdktf.out, .<name>-deploy.lock beside another folder", () => {
    expect(runLockFile("/app/cdktf.out")).toBe("/app/.cdktf-deploy.lock");
    expect(runLockFile("/tmp/a/out")).toBe("/tmp/a/.out-deploy.lock");
    expect(runLockFile("/app/.local-cloud/out/main/cdktf.out")).toBe("/app/.local-cloud/out/main/.cdktf-deploy.lock");
  });

  it("a synth's folder: --output, -o or --output= first, then DEPLOY_OUTDIR, then cdktf.out, from the app folder", () => {
    expect(synthOutdir("/app", {})).toBe("/app/cdktf.out");
    expect(synthOutdir("/app", { DEPLOY_OUTDIR: "build/out" })).toBe("/app/build/out");
    expect(synthOutdir("/app", { DEPLOY_OUTDIR: "build/out" }, ["--output", "/tmp/x"])).toBe("/tmp/x");
    expect(synthOutdir("/app", {}, ["-o", "y"])).toBe("/app/y");
    expect(synthOutdir("/app", {}, ["--output=z"])).toBe("/app/z");
  });
});
