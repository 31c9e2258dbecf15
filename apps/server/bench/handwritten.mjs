// The ceiling for the nested customers payload: a plain node:http handler
// that runs the same SQL through better-sqlite3 and writes the same JSON as
// the GraphQL query in api.bench.mjs. No GraphQL, no ORM. Customer ids are
// the API's opaque ids, written with the server's codec (same secret, same cache).
import { createServer } from "node:http";
import Database from "better-sqlite3";
import { idCodec } from "@engagekit/graphql";

const [file, port, workspaceId] = [process.argv[2], Number(process.argv[3]), Number(process.argv[4])];
const codec = idCodec(process.env.ENGAGEKIT_SECRET || undefined);
const db = new Database(file, { readonly: true });
db.pragma("journal_mode = WAL");
const page = db.prepare(
  "select id, journey_stage, ladder_tier, engagement_score, rfm_score, predicted_clv, p_alive from customers where workspace_id = ? order by id limit ?",
);
const summaries = (n) =>
  db.prepare(`select customer_id, count(*) as n from orders where workspace_id = ? and customer_id in (${Array(n).fill("?").join(",")}) group by customer_id`);
const lastOrders = (n) =>
  db.prepare(`select customer_id, ordered_at, amount_cents from (select o.*, row_number() over (partition by o.customer_id order by o.ordered_at desc, o.id desc) as rn
    from orders o where o.workspace_id = ? and o.customer_id in (${Array(n).fill("?").join(",")})) where rn <= 3 order by customer_id, rn`);
const segments = (n) =>
  db.prepare(`select m.customer_id, s.key from segment_memberships m join segments s on s.id = m.segment_id
    where m.workspace_id = ? and m.customer_id in (${Array(n).fill("?").join(",")}) order by m.customer_id, s.key`);
const cache = new Map();
const stmt = (kind, n) => {
  const k = `${kind}:${n}`;
  if (!cache.has(k)) cache.set(k, kind === "s" ? summaries(n) : kind === "o" ? lastOrders(n) : segments(n));
  return cache.get(k);
};

const server = createServer((req, res) => {
  let body = "";
  req.on("data", (c) => (body += c));
  req.on("end", () => {
    const rows = page.all(workspaceId, 100);
    const ids = rows.map((r) => r.id);
    const count = new Map(stmt("s", ids.length).all(workspaceId, ...ids).map((r) => [r.customer_id, r.n]));
    const orders = new Map();
    for (const o of stmt("o", ids.length).all(workspaceId, ...ids)) {
      const list = orders.get(o.customer_id) ?? [];
      list.push({ amount: o.amount_cents / 100, orderedAt: new Date(o.ordered_at).toISOString() });
      orders.set(o.customer_id, list);
    }
    const segs = new Map();
    for (const s of stmt("g", ids.length).all(workspaceId, ...ids)) {
      const list = segs.get(s.customer_id) ?? [];
      list.push({ key: s.key });
      segs.set(s.customer_id, list);
    }
    const edges = rows.map((r) => ({
      node: {
        id: codec.encode("cus", workspaceId, r.id),
        journeyStage: r.journey_stage,
        ladderTier: r.ladder_tier,
        scores: { engagement: r.engagement_score, rfm: r.rfm_score, predictedClv: r.predicted_clv, pAlive: r.p_alive },
        segments: segs.get(r.id) ?? [],
        lastOrders: orders.get(r.id) ?? [],
        orders: { count: count.get(r.id) ?? 0 },
      },
    }));
    res.writeHead(200, { "content-type": "application/json" });
    res.end(JSON.stringify({ data: { customers: { edges } } }));
  });
});
server.listen(port, "127.0.0.1", () => console.log(`READY http://127.0.0.1:${server.address().port}/`));
