/**
 * Smoke test of the bench's large deploy (bench/local-deploy.ts) at five
 * certificates: the real terraform applies them against the local provider,
 * and the upload gaps and the local cloud's serving times come from the call
 * log. No timing assertions: `npm run bench` measures (1,000 certificates).
 */
import { benchLocalDeploy } from "../../bench/local-deploy";
import { example } from "../support/fixtures";

test("a deploy of five certificates through terraform: five uploads, their gaps and the local cloud's time for each", () => {
  const result = benchLocalDeploy([example("sample-root-ca.pem"), example("sample-root-ca-2.pem")], 5);
  expect(result.certificates).toBe(5);
  expect(result.uploads).toBe(5);
  for (const value of [result.applyMs, result.startServeMs, result.endServeMs, result.startProviderCpuMs, result.endProviderCpuMs])
    expect(value).toBeGreaterThan(0);
  for (const value of [result.startGapMs, result.endGapMs, result.medianGapMs]) expect(value).toBeGreaterThanOrEqual(0);
}, 120_000);
