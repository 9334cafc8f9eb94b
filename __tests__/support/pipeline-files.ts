/**
 * The example pipelines (examples/pipelines/) read as their CI reads them,
 * through a YAML parser: each job's commands, setup and artifacts, and which
 * secrets each step or job can see.
 */
import { parse } from "yaml";

/** One job as the tests compare it with scripts/pipeline-commands.js. */
export interface PipelineJob {
  /** Its commands in order (GitLab: after those of the jobs whose artifacts it takes). */
  readonly commands: string[];
  /** The paths it keeps as artifacts. */
  readonly artifacts: string[];
  /** Shell lines that set the job up before its commands (GitHub: named steps; GitLab: before_script, also of the jobs it needs). */
  readonly setup: string[];
  /** GitHub: the actions its steps use (`owner/name@ref`). */
  readonly uses: string[];
}

interface GithubStep {
  readonly name?: string;
  readonly uses?: string;
  readonly run?: string;
  readonly with?: Record<string, unknown>;
  readonly env?: Record<string, unknown>;
}

interface GithubWorkflow {
  readonly env?: Record<string, unknown>;
  readonly jobs: Record<string, { readonly env?: Record<string, unknown>; readonly steps: GithubStep[] }>;
}

/** GitHub Actions: commands are the unnamed `- run:` steps; named steps and actions set up. */
export function githubJobs(text: string): Record<string, PipelineJob> {
  const workflow = parse(text) as GithubWorkflow;
  return Object.fromEntries(
    Object.entries(workflow.jobs).map(([name, job]) => {
      const upload = job.steps.find((s) => s.uses?.startsWith("actions/upload-artifact@"));
      const paths = typeof upload?.with?.path === "string" ? upload.with.path : "";
      return [
        name,
        {
          commands: job.steps.filter((s) => s.run !== undefined && s.name === undefined).map((s) => s.run!.trim()),
          artifacts: paths
            .split("\n")
            .map((p) => p.trim())
            .filter((p) => p.length > 0),
          setup: job.steps.filter((s) => s.run !== undefined && s.name !== undefined).map((s) => s.run!.trim()),
          uses: job.steps.filter((s) => s.uses !== undefined).map((s) => s.uses!),
        },
      ];
    }),
  );
}

/** What a step can read: the names of the secrets in the workflow's, the job's and its own `env:`, and in its `with:`. */
export interface GithubStepSecrets {
  readonly job: string;
  /** The step's command, action or name. */
  readonly step: string;
  readonly secrets: string[];
}

function secretsIn(values: unknown): string[] {
  return [...JSON.stringify(values ?? {}).matchAll(/\bsecrets\.([A-Za-z0-9_]+)/g)].map((m) => m[1]);
}

/** Every step of every job, with the secrets it can read. */
export function githubStepSecrets(text: string): GithubStepSecrets[] {
  const workflow = parse(text) as GithubWorkflow;
  return Object.entries(workflow.jobs).flatMap(([job, { env, steps }]) =>
    steps.map((step) => ({
      job,
      step: (step.run ?? step.uses ?? step.name ?? "").trim(),
      secrets: [...new Set([...secretsIn(workflow.env), ...secretsIn(env), ...secretsIn(step.env), ...secretsIn(step.with)])].sort(),
    })),
  );
}

/** The names of the environment variables a step gets: the workflow's, the job's and its own `env:`, in that order. */
export function githubStepEnvNames(text: string, job: string, run: string): string[] {
  const workflow = parse(text) as GithubWorkflow;
  const step = workflow.jobs[job]?.steps.find((s) => s.run?.trim() === run);
  if (!step) throw new Error(`no step \`${run}\` in job ${job}`);
  return [...new Set([...Object.keys(workflow.env ?? {}), ...Object.keys(workflow.jobs[job].env ?? {}), ...Object.keys(step.env ?? {})])];
}

/** The `with:` of every actions/checkout step, by job. */
export function githubCheckouts(text: string): { job: string; with: Record<string, unknown> }[] {
  const workflow = parse(text) as GithubWorkflow;
  return Object.entries(workflow.jobs).flatMap(([job, { steps }]) =>
    steps.filter((s) => s.uses?.startsWith("actions/checkout@")).map((s) => ({ job, with: s.with ?? {} })),
  );
}

interface GitlabJob {
  readonly script?: string[];
  readonly before_script?: string[];
  readonly needs?: (string | { readonly job: string; readonly artifacts?: boolean })[];
  readonly artifacts?: { readonly paths?: string[] };
  readonly environment?: string | { readonly name: string };
  readonly variables?: Record<string, unknown>;
}

/** Top-level keys of a .gitlab-ci.yml that are not jobs. */
const GITLAB_KEYWORDS = new Set(["default", "variables", "stages", "workflow", "include", "image", "services", "cache", "before_script", "after_script"]);

/** Every job of a .gitlab-ci.yml as GitLab defines it. */
export function gitlabRawJobs(text: string): Record<string, GitlabJob> {
  const document = parse(text) as Record<string, unknown>;
  return Object.fromEntries(Object.entries(document).filter(([key]) => !GITLAB_KEYWORDS.has(key) && !key.startsWith("."))) as Record<string, GitlabJob>;
}

/** The jobs whose artifacts a job takes (`needs:` with artifacts, the default). */
export function neededJobs(job: GitlabJob): string[] {
  return (job.needs ?? []).flatMap((n) => (typeof n === "string" ? [n] : n.artifacts === false ? [] : [n.job]));
}

/**
 * GitLab CI: each pipeline job's commands are its `script:`, after those of the
 * jobs whose artifacts it takes; a job that another takes artifacts from is
 * part of that job, not a job of its own.
 */
export function gitlabJobs(text: string): Record<string, PipelineJob> {
  const raw = gitlabRawJobs(text);
  const needed = new Set(Object.values(raw).flatMap(neededJobs));
  const whole = (name: string): { commands: string[]; setup: string[] } => {
    const job = raw[name];
    const before = neededJobs(job).map(whole);
    return {
      commands: [...before.flatMap((b) => b.commands), ...(job.script ?? [])],
      setup: [...before.flatMap((b) => b.setup), ...(job.before_script ?? [])],
    };
  };
  return Object.fromEntries(
    Object.keys(raw)
      .filter((name) => !needed.has(name))
      .map((name) => [name, { ...whole(name), artifacts: raw[name].artifacts?.paths ?? [], uses: [] }]),
  );
}

/** The environment a GitLab job deploys to, if any: the scope its environment-scoped variables match. */
export function gitlabEnvironment(job: GitlabJob): string | undefined {
  return typeof job.environment === "string" ? job.environment : job.environment?.name;
}
