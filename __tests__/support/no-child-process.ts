/**
 * The unit run's guard (jest.unit.config.js): a unit test starts no child
 * process. Every way Node has to start one throws here, naming where the test
 * belongs instead: __tests__/process/ (a CLI, an app, npm, jsii, a tool) or
 * __tests__/e2e/ (a deploy through terraform).
 *
 * The guard patches Node's own module object, which every test file of a jest
 * worker shares; `npm test` runs the unit projects and the process/e2e tests in
 * the same workers, so the guard is lifted after each file's tests.
 */
// The module object itself (an import-star copy has read-only properties), so that every importer sees the guard.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const childProcess: Record<string, unknown> = require("child_process");

const STARTERS = ["spawn", "spawnSync", "exec", "execSync", "execFile", "execFileSync", "fork"] as const;

const originals = new Map(STARTERS.map((name) => [name, childProcess[name]]));

afterAll(() => {
  for (const [name, original] of originals) childProcess[name] = original;
});

for (const name of STARTERS) {
  childProcess[name] = () => {
    throw new Error(
      `child_process.${name}: a unit test starts no child process. Move this test to __tests__/process/ (or __tests__/e2e/ for a deploy), which npm test runs and npm run test:unit does not.`,
    );
  };
}
