import autocannon from "autocannon";
const url = process.argv[2]; const dur = Number(process.argv[3] ?? 10);
const query = `{ customers(first: 100) { edges { node { id journeyStage ladderTier scores { engagement rfm predictedClv pAlive } segments { key } lastOrders(first: 3) { amount orderedAt } orders { count } } } } }`;
const body = process.argv[4] === "hand" ? "{}" : JSON.stringify({ query });
const r = await autocannon({ url, method: "POST", connections: 10, headers: { "content-type": "application/json" }, body, duration: dur });
console.log(r.requests.average, "req/s", r.errors, r.non2xx);
