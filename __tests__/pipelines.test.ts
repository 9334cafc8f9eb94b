/**
 * The example pipelines (examples/pipelines/) run exactly the commands of
 * scripts/pipeline-commands.js, which docs/pipelines.md lists and the end-to-end
 * deploy test runs; their credentials are variables the alicloud provider reads.
 * Plus `npm run deploy`'s arguments, its local-state warning, and its exit code,
 * and that the end-to-end test (__tests__/e2e/pipeline-deploy.test.ts) runs the
 * same list.
 */
import * as fs from "fs";
import * as path from "path";
import { PIPELINE_COMMANDS, DEPLOY_ARTIFACTS } from "../scripts/pipeline-commands";
import { INSTALL, commandsAfterInstall } from "./e2e/pipeline-jobs";
import { PipelineJob, githubJobs, gitlabJobs, gitlabRawJobs, neededJobs } from "./support/pipeline-files";

const ROOT = path.join(__dirname, "..");
const read = (file: string) => fs.readFileSync(path.join(ROOT, file), "utf8");

/** The Terraform version docs/pipelines.md names. */
function documentedTerraformVersion(): string {
  const version = /\*\*Terraform (\d+\.\d+\.\d+)\*\* is the version/.exec(read("docs/pipelines.md"));
  expect(version).not.toBeNull();
  return version![1];
}

/** The GitHub step that installs terraform (scripts/install-terraform.sh) and puts it on the PATH of the steps after it. */
const GITHUB_TERRAFORM = 'bash scripts/install-terraform.sh "$RUNNER_TEMP/bin" && echo "$RUNNER_TEMP/bin" >> "$GITHUB_PATH"';

/**
 * Whether a GitLab job has terraform from scripts/install-terraform.sh on its
 * PATH: installed by its own before_script into /usr/local/bin, or installed
 * by a job it takes artifacts from into a folder of the project that is among
 * those artifacts, and put on the PATH by its own before_script.
 */
function gitlabTerraformOnPath(text: string, name: string): boolean {
  const raw = gitlabRawJobs(text);
  const own = raw[name].before_script ?? [];
  if (own.includes("bash scripts/install-terraform.sh /usr/local/bin")) return true;
  return neededJobs(raw[name]).some((needed) => {
    const installs = (raw[needed].before_script ?? []).map((line) => /^bash scripts\/install-terraform\.sh "\$CI_PROJECT_DIR\/([^"/]+)\/bin"$/.exec(line));
    const folder = installs.find((m) => m !== null)?.[1];
    return (
      folder !== undefined && (raw[needed].artifacts?.paths ?? []).includes(`${folder}/`) && own.includes(`export PATH="$CI_PROJECT_DIR/${folder}/bin:$PATH"`)
    );
  });
}

/** What a job lacks to run its commands: terraform from scripts/install-terraform.sh for `npm test` and deploys, python3 setuptools + wheel for `npm test`. */
function missingSetup(ci: "github" | "gitlab", text: string, name: string, job: PipelineJob): string[] {
  const missing: string[] = [];
  const needsTerraform = job.commands.some((c) => c === "npm test" || /\bdeploy\b/.test(c));
  const hasTerraform = ci === "github" ? job.setup.includes(GITHUB_TERRAFORM) : gitlabTerraformOnPath(text, name);
  if (needsTerraform && !hasTerraform) missing.push("terraform from scripts/install-terraform.sh on the PATH");
  if (ci === "github" && job.uses.some((action) => action.startsWith("hashicorp/setup-terraform@")))
    missing.push("no hashicorp/setup-terraform (it checks no checksum)");
  if (job.commands.includes("npm test") && !job.setup.some((line) => /apt-get install .*python3-setuptools python3-wheel/.test(line)))
    missing.push("python3-setuptools python3-wheel");
  return missing;
}

/** docs/pipelines.md's command block: `# job` headers, then its commands. */
function documentedJobs(): Record<string, string[]> {
  const block = /<!-- pipeline-commands:start[^>]*-->\n```sh\n([\s\S]*?)```\n<!-- pipeline-commands:end -->/.exec(read("docs/pipelines.md"));
  expect(block).not.toBeNull();
  const jobs: Record<string, string[]> = {};
  let job = "";
  for (const line of block![1].trim().split("\n")) {
    const header = /^# ([a-z-]+)\b/.exec(line);
    if (header) jobs[(job = header[1])] = [];
    else jobs[job].push(line.trim());
  }
  return jobs;
}

const EXPECTED = Object.fromEntries(Object.entries<string[]>(PIPELINE_COMMANDS).map(([job, commands]) => [job, commands]));

describe.each([
  ["GitHub Actions", "examples/pipelines/github-actions.yml", githubJobs],
  ["GitLab CI", "examples/pipelines/gitlab-ci.yml", gitlabJobs],
])("%s", (_ci, file, parse) => {
  const jobs = parse(read(file));

  it("runs exactly the commands of scripts/pipeline-commands.js, job by job", () => {
    expect(
      Object.fromEntries(
        Object.entries(jobs)
          .filter(([, j]) => j.commands.length > 0)
          .map(([name, j]) => [name, j.commands]),
      ),
    ).toEqual(EXPECTED);
  });

  it("sets up terraform (scripts/install-terraform.sh) in every job that runs npm test or a deploy, and python3 setuptools + wheel where npm test runs", () => {
    const ci = file.includes("github") ? "github" : "gitlab";
    const missing = Object.fromEntries(Object.entries(jobs).map(([name, job]) => [name, missingSetup(ci, read(file), name, job)]));
    expect(missing).toEqual(Object.fromEntries(Object.keys(jobs).map((name) => [name, []])));
    expect(Object.keys(jobs)).toEqual(expect.arrayContaining(["check", "deploy"]));
  });

  it("keeps outputs.json and ca-certificates.json from the deploy job", () => {
    expect(jobs.deploy.artifacts).toEqual(DEPLOY_ARTIFACTS);
  });
});

it("docs/pipelines.md lists the same commands", () => {
  expect(documentedJobs()).toEqual(EXPECTED);
});

it("the end-to-end test (__tests__/e2e/pipeline-deploy.test.ts) runs the documented deploy and expiry-check commands after the install", () => {
  const documented = documentedJobs();
  for (const job of ["deploy", "expiry-check"]) {
    expect({ job, commands: [INSTALL, ...commandsAfterInstall(job)] }).toEqual({ job, commands: documented[job] });
  }
});

it("the end-to-end test refuses a job that does not start with npm ci, so skipping the install hides no command", () => {
  expect(() => commandsAfterInstall("deploy", { deploy: ["npm run deploy", "npm ci"] })).toThrow(
    'pipeline job deploy starts with "npm run deploy", not "npm ci"',
  );
  expect(commandsAfterInstall("deploy", { deploy: ["npm ci", "npm run deploy"] })).toEqual(["npm run deploy"]);
});

it("the parsers see a changed command: the checks above can fail", () => {
  const changed = read("examples/pipelines/github-actions.yml").replace("- run: npm run deploy", "- run: npx cdktf deploy edge");
  expect(githubJobs(changed).deploy.commands).not.toEqual(EXPECTED.deploy);
  const reordered = read("examples/pipelines/gitlab-ci.yml").replace("  script:\n    - npm run deploy", "  script:\n    - npm run deploy\n    - npm ci");
  expect(gitlabJobs(reordered).deploy.commands).not.toEqual(EXPECTED.deploy);
});

it("install-terraform.sh installs the documented Terraform version", () => {
  expect(/^TERRAFORM_VERSION="([^"]+)"$/m.exec(read("scripts/install-terraform.sh"))?.[1]).toBe(documentedTerraformVersion());
});

it("the setup check fails on a job without terraform, with setup-terraform, without terraform on the PATH, or without python's setuptools", () => {
  const github = read("examples/pipelines/github-actions.yml");
  const check = (text: string) => missingSetup("github", text, "check", githubJobs(text).check);
  expect(check(github)).toEqual([]);
  expect(check(github.replace(GITHUB_TERRAFORM, "echo no terraform"))).toEqual(["terraform from scripts/install-terraform.sh on the PATH"]);
  const setupTerraform = github.replace(
    /( {6})- name: terraform, checked against HashiCorp's SHA256SUMS\n {8}run: .*\n/,
    `$1- uses: hashicorp/setup-terraform@b9cd54a3c349d3f38e8881555d616ced269862dd # v3.1.2\n`,
  );
  expect(check(setupTerraform)).toEqual(["terraform from scripts/install-terraform.sh on the PATH", "no hashicorp/setup-terraform (it checks no checksum)"]);
  expect(check(github.replace(/( {2}check:[\s\S]*?)python3-setuptools python3-wheel/, "$1python3-pip"))).toEqual(["python3-setuptools python3-wheel"]);
  const gitlab = read("examples/pipelines/gitlab-ci.yml");
  const deploy = (text: string) => missingSetup("gitlab", text, "deploy", gitlabJobs(text).deploy);
  expect(deploy(gitlab)).toEqual([]);
  // terraform installed, but not among the artifacts; or not put on the deploy job's PATH.
  expect(deploy(gitlab.replace("      - .tools/\n", ""))).toEqual(["terraform from scripts/install-terraform.sh on the PATH"]);
  expect(deploy(gitlab.replace('    - export PATH="$CI_PROJECT_DIR/.tools/bin:$PATH"\n', ""))).toEqual([
    "terraform from scripts/install-terraform.sh on the PATH",
  ]);
  const check2 = (text: string) => missingSetup("gitlab", text, "check", gitlabJobs(text).check);
  expect(check2(gitlab)).toEqual([]);
  expect(check2(gitlab.replace("    - bash scripts/install-terraform.sh /usr/local/bin\n", ""))).toEqual([
    "terraform from scripts/install-terraform.sh on the PATH",
  ]);
});

/**
 * Every environment variable terraform-provider-alicloud v1.257.0 (commit b62c0c9b0)
 * reads for credentials, region, RAM role and OIDC (alicloud/provider.go).
 */
const PROVIDER_ENV = new Set([
  "ALICLOUD_ACCESS_KEY",
  "ALIBABA_CLOUD_ACCESS_KEY_ID",
  "ALIBABACLOUD_ACCESS_KEY_ID",
  "ALICLOUD_SECRET_KEY",
  "ALIBABA_CLOUD_ACCESS_KEY_SECRET",
  "ALIBABACLOUD_ACCESS_KEY_SECRET",
  "ALICLOUD_SECURITY_TOKEN",
  "ALIBABA_CLOUD_SECURITY_TOKEN",
  "ALIBABACLOUD_SECURITY_TOKEN",
  "ALICLOUD_REGION",
  "ALIBABA_CLOUD_REGION",
  "ALICLOUD_ASSUME_ROLE_ARN",
  "ALIBABA_CLOUD_ROLE_ARN",
  "ALICLOUD_ASSUME_ROLE_SESSION_NAME",
  "ALIBABA_CLOUD_ROLE_SESSION_NAME",
  "ALICLOUD_ASSUME_ROLE_SESSION_EXPIRATION",
  "ALIBABA_CLOUD_OIDC_PROVIDER_ARN",
  "ALIBABA_CLOUD_OIDC_TOKEN_FILE",
  "ALIBABA_CLOUD_OIDC_TOKEN",
]);

it("names only credential variables the alicloud provider reads", () => {
  for (const text of [read("examples/pipelines/github-actions.yml"), read("examples/pipelines/gitlab-ci.yml"), read("docs/pipelines.md"), read("README.md")]) {
    const names = text.match(/\bALI(?:CLOUD|BABA_?CLOUD)_[A-Z_]+\b/g) ?? [];
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !PROVIDER_ENV.has(name))).toEqual([]);
  }
});
