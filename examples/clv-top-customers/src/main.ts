// Prints the top 10 CDNOW customers by predicted 52-week CLV with their P(alive).
// Build @engagekit/core first (npm run build -w @engagekit/core), then: npm run build && npm start
import { formatTable, readCdnowSample, topCustomers } from "./topCustomers.js";

const { summary, top } = topCustomers(readCdnowSample(), 10);
console.log(`CDNOW 1/10 sample: ${summary.customerIds.length} customers, purchases to ${summary.observationEnd.toISOString().slice(0, 10)}`);
console.log("BG/NBD + Gamma-Gamma, next 52 weeks, discounted 1% a month\n");
console.log(formatTable(top));
