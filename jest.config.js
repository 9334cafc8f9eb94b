/**
 * `npm test` (jest): the suite under both frameworks the library is built for.
 *
 * - cdktf: every test but two deploy scenarios left to cdktn-e2e (jest.cdktf.config.js), against cdktf 0.21.
 * - cdktn: the unit tests (no child process) against CDK Terrain's cdktn 0.24
 *   (frameworks/cdktn/jest.config.js maps cdktf, constructs and the bindings).
 * - cdktn-e2e: the named deploy scenarios with apps built for cdktn and run on
 *   Node 22 (frameworks/cdktn/jest.e2e.config.js).
 *
 * `npx jest <file>` runs the file in every project that holds it; `npx jest --selectProjects cdktf -- <file>` runs it in one (the `--` matters:
 * without it, jest reads the file as a second project name and runs the whole project).
 */
const runOptions = require("./__tests__/global/run-options");

module.exports = {
  projects: ["<rootDir>/jest.cdktf.config.js", "<rootDir>/frameworks/cdktn/jest.config.js", "<rootDir>/frameworks/cdktn/jest.e2e.config.js"],
  ...runOptions,
};
