// Assigns the CDNOW sample's customers to engagement models by value at risk and prints what each group did next.
// Build @engagekit/core first (npm run build -w @engagekit/core), then: npm run build && npm start
import { effectivenessReport, formatEffectiveness } from "./effectiveness.js";
import { calibrationEnd, capacities, formatTable, observationEnd, readCdnowSample, runScenario } from "./engagementScenario.js";

const { summary, customers, result, outcomes } = runScenario(readCdnowSample());
console.log(`CDNOW 1/10 sample: ${summary.customerIds.length} customers; calibration to ${calibrationEnd} (39 weeks), holdout to ${observationEnd} (weeks 40–78)`);
console.log(`Strategy: everyone by value at risk = CLV × (1 − P(alive)) → csm (${capacities.csm} seats), automated_retention (${capacities.automated_retention}), else low_touch\n`);
console.log(formatTable(outcomes));
const first = result.assignments.find((a) => a.rank === 1);
const spilled = result.assignments.find((a) => a.rank === capacities.csm + 1);
console.log(`\nwhy, for two customers:\n  ${first?.customer}: ${first?.reason}\n  ${spilled?.customer}: ${spilled?.reason}`);

console.log(`\n${formatEffectiveness(effectivenessReport({ summary, customers, result, outcomes }))}`);
