/** Every scenario of the acceptance run, in the order they run. */
import { Scenario } from "./context";
import { lostResponse, nonRetriedFaults, transientFaults } from "./faults";
import { rotationUnderLag } from "./lag";
import { refusedTag } from "./refused-tag";
import { resourceGroup } from "./resource-group";
import { tags } from "./tags";

export const SCENARIOS: readonly Scenario[] = [tags, resourceGroup, refusedTag, transientFaults, nonRetriedFaults, lostResponse, rotationUnderLag];
