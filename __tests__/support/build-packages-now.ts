/**
 * Builds the test run's packages (support/packages.ts's builtProject) and
 * exits: started in the background by __tests__/global/npm-home-setup.js
 * under CI, so that the build overlaps the first tests instead of holding up
 * the test files that need it.
 */
import { builtProject } from "./packages";

try {
  builtProject();
} catch {
  // builtProject wrote FAILED with the reason: the test files that wait for the build report it.
  process.exitCode = 1;
}
