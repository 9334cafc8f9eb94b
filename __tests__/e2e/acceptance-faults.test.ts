/**
 * Acceptance scenarios (__tests__/e2e/scenarios/) against the local provider,
 * through the real terraform: the same code `npm run test:cloud` runs against
 * Alibaba Cloud. Each scenario throws, with the terraform output, when it fails.
 */
import { selectScenarios, context, newRunId } from "./scenarios/run";

const ctx = context("local", newRunId(), () => undefined);

test.each(selectScenarios(["transient-faults", "non-retried-faults", "lost-response"]).map((s) => [s.name, s] as const))(
  "%s",
  (_name, scenario) => scenario.run(ctx),
  180_000,
);
