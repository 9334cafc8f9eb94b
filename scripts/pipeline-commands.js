"use strict";
/**
 * The commands of the example pipelines (examples/pipelines/), in order, per
 * job: the one list that the GitHub Actions and GitLab CI files, docs/pipelines.md
 * and the end-to-end deploy test must agree with (__tests__/pipelines.test.ts
 * checks the YAML and docs/pipelines.md against it).
 */

/** Days before expiry at which the scheduled check fails. */
const EXPIRY_DAYS = 30;

const PIPELINE_COMMANDS = {
  /** Every pull request: install, type-check and test, synthesize. */
  check: ["npm ci", "npm test", "npm run synth"],
  /** The main branch: deploy every stack; credentials and OSS state from the CI's secrets. */
  deploy: ["npm ci", "npm run deploy"],
  /** On a schedule: fail when a CA certificate expires within EXPIRY_DAYS days. */
  "expiry-check": ["npm ci", "npm run synth", `npm run inventory -- --fail-within ${EXPIRY_DAYS}`],
};

/** What the deploy job keeps for later jobs and other pipelines. */
const DEPLOY_ARTIFACTS = ["cdktf.out/outputs.json", "cdktf.out/ca-certificates.json"];

module.exports = { PIPELINE_COMMANDS, DEPLOY_ARTIFACTS, EXPIRY_DAYS };
