/**
 * The example pipelines keep their secrets to the one step (GitHub) or job
 * (GitLab) that deploys: never visible to `npm ci`, whose install scripts run
 * every dependency's code, nor to the check and expiry jobs. Actions are
 * pinned by commit. Each check is shown to fail on a file that breaks it.
 */
import * as fs from "fs";
import * as path from "path";
import { parse } from "yaml";
import {
  GithubStepSecrets,
  githubCheckouts,
  githubJobs,
  githubStepSecrets,
  gitlabEnvironment,
  gitlabJobs,
  gitlabRawJobs,
  neededJobs,
} from "./support/pipeline-files";

const ROOT = path.join(__dirname, "..");
const GITHUB = fs.readFileSync(path.join(ROOT, "examples", "pipelines", "github-actions.yml"), "utf8");
const GITLAB = fs.readFileSync(path.join(ROOT, "examples", "pipelines", "gitlab-ci.yml"), "utf8");

/** The install step of every job (scripts/pipeline-commands.js starts each job with it). */
const INSTALL = "npm ci";
const DEPLOY = "npm run deploy";

/** GitHub: every step that can read a secret, other than the deploy step; the install steps are among them if they can. */
function githubExposures(text: string): GithubStepSecrets[] {
  return githubStepSecrets(text).filter((s) => s.secrets.length > 0 && !(s.job === "deploy" && s.step === DEPLOY));
}

describe("GitHub Actions: secrets only on the deploy step", () => {
  it("no secret is visible to the install step, in any job", () => {
    const installs = githubStepSecrets(GITHUB).filter((s) => s.step === INSTALL);
    expect(installs.map((s) => s.job)).toEqual(["check", "deploy", "expiry-check"]);
    expect(installs.filter((s) => s.secrets.length > 0)).toEqual([]);
  });

  it("the deploy step alone sees secrets: the credentials and the server key; no other step, and no step of the check or expiry jobs", () => {
    expect(githubExposures(GITHUB)).toEqual([]);
    const deploy = githubStepSecrets(GITHUB).find((s) => s.job === "deploy" && s.step === DEPLOY)!;
    expect(deploy.secrets).toEqual(["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "SERVER_PRIVATE_KEY"]);
    // Every secret the file names is one of those (none hides in a place the parser does not read).
    expect((GITHUB.match(/\bsecrets\./g) ?? []).length).toBe(deploy.secrets.length);
  });

  it("the checks fail when the secrets move to the job's env, or to the workflow's", () => {
    const deployEnv = /( {8}env:\n(?: {10}.*\n)+)/.exec(GITHUB.slice(GITHUB.indexOf(`- run: ${DEPLOY}`)))![1];
    const withoutStepEnv = GITHUB.replace(deployEnv, "");
    const secretLines = deployEnv
      .split("\n")
      .filter((l) => l.includes("secrets."))
      .map((l) => l.replace(/^ {10}/, "      "));
    const onJob = withoutStepEnv.replace("    env:\n      # Not secret", `    env:\n${secretLines.join("\n")}\n      # Not secret`);
    expect(githubStepSecrets(onJob).find((s) => s.job === "deploy" && s.step === INSTALL)?.secrets).toHaveLength(4);
    const onWorkflow = withoutStepEnv.replace("permissions:\n", `env:\n${secretLines.map((l) => l.replace(/^ {6}/, "  ")).join("\n")}\npermissions:\n`);
    expect(githubExposures(onWorkflow).map((s) => `${s.job}: ${s.step}`)).toContain(`check: ${INSTALL}`);
    expect(githubExposures(onWorkflow).map((s) => `${s.job}: ${s.step}`)).toContain(`expiry-check: ${INSTALL}`);
  });

  it("no checkout leaves the job's token in .git/config, where an install script could read it", () => {
    const checkouts = githubCheckouts(GITHUB);
    expect(checkouts.map((c) => c.job)).toEqual(["check", "deploy", "expiry-check"]);
    expect(checkouts.filter((c) => c.with["persist-credentials"] !== false)).toEqual([]);
  });

  it("pins every action to a full commit SHA, the release tag in a comment", () => {
    const uses = [...GITHUB.matchAll(/uses: (\S+)(.*)$/gm)].map((m) => ({ action: m[1], comment: m[2].trim() }));
    expect(uses.length).toBeGreaterThanOrEqual(7);
    expect(uses.filter((u) => !/^[\w.-]+\/[\w.-]+@[0-9a-f]{40}$/.test(u.action) || !/^# v\d+\.\d+\.\d+$/.test(u.comment))).toEqual([]);
    // One commit per action, and no action the jobs' setup checks do not expect.
    const byAction = new Map<string, Set<string>>();
    for (const u of uses) byAction.set(u.action.split("@")[0], (byAction.get(u.action.split("@")[0]) ?? new Set()).add(u.action));
    expect([...byAction.keys()].sort()).toEqual(["actions/checkout", "actions/setup-node", "actions/upload-artifact"]);
    for (const refs of byAction.values()) expect(refs.size).toBe(1);
    expect(Object.values(githubJobs(GITHUB)).flatMap((j) => j.uses)).toEqual(uses.map((u) => u.action));
  });
});

/** The variables the GitLab file tells to set as secrets, scoped to the environment "production". */
const GITLAB_SECRETS = ["ALICLOUD_ACCESS_KEY", "ALICLOUD_SECRET_KEY", "ALICLOUD_SECURITY_TOKEN", "SERVER_PRIVATE_KEY"];

/** GitLab: the jobs that get the environment-scoped secrets, and every shell line each runs. */
function gitlabSecretJobs(text: string): { job: string; lines: string[] }[] {
  return Object.entries(gitlabRawJobs(text))
    .filter(([, job]) => gitlabEnvironment(job) === "production")
    .map(([job, { before_script, script }]) => ({ job, lines: [...(before_script ?? []), ...(script ?? [])] }));
}

/** GitLab: what is wrong with where the secrets can go. */
function gitlabFindings(text: string): string[] {
  const findings: string[] = [];
  const raw = gitlabRawJobs(text);
  for (const { job, lines } of gitlabSecretJobs(text)) {
    for (const line of lines) if (/\bnpm (ci|install|i)\b/.test(line)) findings.push(`${job} gets the secrets and runs ${JSON.stringify(line)}`);
  }
  for (const [name, job] of Object.entries(raw)) {
    const declared = Object.keys(job.variables ?? {}).filter((v) => GITLAB_SECRETS.includes(v) || v.startsWith("TF_VAR_"));
    if (declared.length > 0) findings.push(`${name} declares ${declared.join(", ")} in the file`);
  }
  const global = Object.keys((parse(text) as { variables?: Record<string, unknown> }).variables ?? {});
  const declared = global.filter((v) => GITLAB_SECRETS.includes(v) || v.startsWith("TF_VAR_"));
  if (declared.length > 0) findings.push(`the file's variables declare ${declared.join(", ")}`);
  return findings;
}

describe("GitLab CI: secrets scoped to the protected environment, and only the deploy job in it", () => {
  it("no secret is visible to the install step: the one job in environment production runs no npm ci; the jobs that install have no environment", () => {
    expect(gitlabFindings(GITLAB)).toEqual([]);
    expect(gitlabSecretJobs(GITLAB).map((j) => j.job)).toEqual(["deploy"]);
    const raw = gitlabRawJobs(GITLAB);
    // The deploy job's install is the job it takes node_modules from: no environment there.
    expect(neededJobs(raw.deploy)).toEqual(["deploy-install"]);
    expect(raw["deploy-install"].script).toEqual([INSTALL]);
    expect(gitlabEnvironment(raw["deploy-install"])).toBeUndefined();
    expect(raw["deploy-install"].artifacts?.paths).toEqual(expect.arrayContaining(["node_modules/", ".gen/"]));
    // The check and expiry jobs have no environment either.
    expect(gitlabEnvironment(raw.check)).toBeUndefined();
    expect(gitlabEnvironment(raw["expiry-check"])).toBeUndefined();
    expect(gitlabJobs(GITLAB).deploy.commands).toEqual([INSTALL, DEPLOY]);
  });

  it("the checks fail when the install job joins the environment, or the deploy job installs", () => {
    const installInProduction = GITLAB.replace("deploy-install:\n  stage: build\n", "deploy-install:\n  stage: build\n  environment: production\n");
    expect(gitlabFindings(installInProduction)).toEqual([`deploy-install gets the secrets and runs "${INSTALL}"`]);
    const deployInstalls = GITLAB.replace(`  script:\n    - ${DEPLOY}`, `  script:\n    - ${INSTALL}\n    - ${DEPLOY}`);
    expect(gitlabFindings(deployInstalls)).toEqual([`deploy gets the secrets and runs "${INSTALL}"`]);
    const declared = GITLAB.replace(
      'variables:\n  npm_config_cache: "$CI_PROJECT_DIR/.npm"',
      'variables:\n  npm_config_cache: "$CI_PROJECT_DIR/.npm"\n  ALICLOUD_SECRET_KEY: "x"',
    );
    expect(gitlabFindings(declared)).toEqual(["the file's variables declare ALICLOUD_SECRET_KEY"]);
  });

  it("tells to scope every secret to production, and to make the PEM key a File variable, never claiming it can be masked", () => {
    const header = GITLAB.split("\n")
      .filter((line) => line.startsWith("#"))
      .map((line) => line.replace(/^# ?/, ""))
      .join("\n");
    expect(header).toContain('each secret below is Protected and has Environment scope "production"');
    for (const name of GITLAB_SECRETS) expect(header).toContain(name);
    const pemItem = /SERVER_PRIVATE_KEY,[\s\S]*?(?=\n {2}[A-Z]|\n\S)/.exec(header)![0];
    expect(pemItem).toContain("type File");
    expect(pemItem).toContain("cannot be masked");
    expect(pemItem).not.toMatch(/\bMasked\b/);
    expect(GITLAB).not.toMatch(/masked and protected/i);
    // The deploy job reads the key from the File variable; nothing else sets TF_VAR_server_private_key.
    expect(gitlabSecretJobs(GITLAB)[0].lines).toContain('export TF_VAR_server_private_key="$(cat "$SERVER_PRIVATE_KEY")"');
    expect(GITLAB.match(/TF_VAR_server_private_key=/g)).toHaveLength(1);
  });
});
