// The dashboard: one GraphQL request, rendered into the page. Plain browser JavaScript, no
// build step and nothing fetched from elsewhere: the page and the API share one origin.
// Every metric arrives with its n and interval; values are rounded here, for display only.

const QUERY = `{
  csat(filter: { survey: "nhs-fft" }) { share shareInterval { lower upper level } n skipped }
  bySurgery: csatBreakdown(by: TOUCHPOINT, filter: { survey: "nhs-fft" }) { key csat { share shareInterval { lower upper } n } }
  repeatPurchaseRate { rate interval { lower upper } n count }
  customers(first: 10) { edges { node { externalId orders { count totalSpent lastOrderAt } } } }
}`;

/** @param {number} x a share in [0, 1] */
const percent = (x) => `${(100 * x).toFixed(1)}%`;
/** @param {{ lower: number, upper: number }} i */
const interval = (i) => `${percent(i.lower)} – ${percent(i.upper)}`;

/** @param {string} selector @param {(string | number)[][]} rows @param {(row: (string | number)[], tr: HTMLTableRowElement) => void} [extra] */
function fill(selector, rows, extra) {
  const body = /** @type {HTMLTableSectionElement} */ (document.querySelector(`${selector} tbody`));
  body.replaceChildren(
    ...rows.map((cells) => {
      const tr = document.createElement("tr");
      for (const c of cells) {
        const td = document.createElement("td");
        td.textContent = String(c);
        tr.append(td);
      }
      extra?.(cells, tr);
      return tr;
    }),
  );
}

/** @param {string} id @param {string} text */
const show = (id, text) => {
  /** @type {HTMLElement} */ (document.querySelector(`[data-testid="${id}"]`)).textContent = text;
};

async function main() {
  const status = /** @type {HTMLElement} */ (document.getElementById("status"));
  const res = await fetch("/graphql", { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ query: QUERY }) });
  const { data, errors } = await res.json();
  if (errors?.length) throw new Error(errors.map((/** @type {{ message: string }} */ e) => e.message).join("; "));

  if (data.csat.n > 0) {
    show("csat-share", percent(data.csat.share));
    show("csat-detail", `${interval(data.csat.shareInterval)} (${Math.round(data.csat.shareInterval.level * 100)}% interval), n = ${data.csat.n}, ${data.csat.skipped} "don't know" not counted`);
  } else show("csat-share", `no answers (${data.csat.reason})`);
  if (data.repeatPurchaseRate) {
    show("repeat-rate", percent(data.repeatPurchaseRate.rate));
    show("repeat-detail", `${interval(data.repeatPurchaseRate.interval)}, ${data.repeatPurchaseRate.count} of ${data.repeatPurchaseRate.n} buyers ordered again`);
  }
  /** @type {{ key: string, csat: { share: number, shareInterval: { lower: number, upper: number }, n: number } | null }[]} */
  const groups = data.bySurgery.filter((/** @type {{ csat: unknown }} */ g) => g.csat !== null);
  groups.sort((a, b) => (b.csat?.share ?? 0) - (a.csat?.share ?? 0));
  fill(
    '[data-testid="csat-by-surgery"]',
    groups.map((g) => [g.key, percent(g.csat?.share ?? 0), interval(g.csat?.shareInterval ?? { lower: 0, upper: 0 }), g.csat?.n ?? 0]),
    (cells, tr) => {
      const td = document.createElement("td");
      td.className = "bar";
      const bar = document.createElement("span");
      bar.style.width = String(cells[1]);
      td.append(bar);
      tr.append(td);
    },
  );
  fill(
    '[data-testid="customers"]',
    data.customers.edges.map((/** @type {{ node: { externalId: string, orders: { count: number, totalSpent: number, lastOrderAt: string | null } } }} */ e) => [
      e.node.externalId,
      e.node.orders.count,
      e.node.orders.totalSpent.toFixed(2),
      e.node.orders.lastOrderAt?.slice(0, 10) ?? "–",
    ]),
  );
  status.textContent = `Loaded ${groups.length} surgeries and ${data.customers.edges.length} customers.`;
  status.dataset.state = "ready";
}

main().catch((err) => {
  const status = /** @type {HTMLElement} */ (document.getElementById("status"));
  status.textContent = `Could not load the dashboard: ${err instanceof Error ? err.message : String(err)}`;
  status.className = "error";
  status.dataset.state = "error";
});
