// The node console: a dashboard, blocks, transactions and accounts, read from the node's own REST
// API and kept live by its block stream. No framework, no external assets. Each platform service
// adds its pages, search rules and account panels through window.jing (docs/console.md); the node
// loads their scripts after this one.
"use strict";

const api = (path) =>
  fetch("/api/v1" + path).then(async (r) => {
    const body = await r.json();
    if (!r.ok) throw new Error((body.code || r.status) + ": " + (body.message || ""));
    return body;
  });
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const time = (ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
const link = (href, text) => `<a href="#/${href}"><span class="hash">${esc(text)}</span></a>`;

const state = { status: null, recent: [], perBlock: [] }; // perBlock: {t, txs} for the tx/s chart

async function refreshStatus() {
  state.status = await api("/status");
  const s = state.status;
  $("#chain").textContent = `${s.chainId} · ${s.suite} · height ${s.height} · round ${s.consensus.round}`;
  return s;
}

// ---- views

async function dashboard() {
  const s = await refreshStatus();
  const blocks = (await api("/blocks?limit=20")).blocks;
  state.recent = blocks;
  if (state.perBlock.length === 0) {
    blocks.slice().reverse().forEach((b) => state.perBlock.push({ t: b.timestampMillis, txs: b.txCount }));
  }
  const active = new Set(blocks.map((b) => b.proposer));
  const validators = s.consensus.validators
    .map(
      (v, i) =>
        `<tr><td>${i}${i === s.consensus.self ? " (this node)" : ""}</td><td>${link("account/" + v, v)}</td>` +
        `<td class="${active.has(v) ? "ok" : "muted"}">${active.has(v) ? "proposed recently" : "no recent block"}</td></tr>`
    )
    .join("");
  $("#view").innerHTML = `
    <div class="cards">
      <div class="card"><div class="muted">height</div><div class="v" id="height">${s.height}</div></div>
      <div class="card"><div class="muted">tx/s (last blocks)</div><div class="v" id="tps">–</div></div>
      <div class="card"><div class="muted">mempool</div><div class="v" id="mempool">${s.mempool.txs}</div></div>
      <div class="card"><div class="muted">peers</div><div class="v">${s.consensus.peers} / ${s.consensus.validators.length - 1}</div></div>
    </div>
    <section><h2>Transactions per second</h2><canvas id="chart" width="900" height="160" aria-label="transactions per second"></canvas></section>
    <section><h2>Validators</h2><table><thead><tr><th>#</th><th>address</th><th>liveness</th></tr></thead><tbody>${validators}</tbody></table></section>
    <section><h2>Latest blocks</h2><table><thead><tr><th>height</th><th>hash</th><th>txs</th><th>proposer</th><th>time</th></tr></thead>
      <tbody id="blocks">${blocks.map(blockRow).join("")}</tbody></table></section>`;
  drawChart();
}

const blockRow = (b) =>
  `<tr><td>${link("block/" + b.height, b.height)}</td><td>${link("block/" + b.hash, b.hash)}</td>` +
  `<td>${b.txCount}</td><td>${b.proposer ? link("account/" + b.proposer, b.proposer) : ""}</td><td>${time(b.timestampMillis)}</td></tr>`;

function drawChart() {
  const c = $("#chart");
  if (!c) return;
  const g = c.getContext("2d");
  g.clearRect(0, 0, c.width, c.height);
  const pts = state.perBlock.slice(-120);
  // transactions per second over the last blocks: txs of each block over the gap to the previous
  const rates = pts.slice(1).map((p, i) => ({ t: p.t, r: (p.txs * 1000) / Math.max(1, p.t - pts[i].t) }));
  const max = Math.max(1, ...rates.map((x) => x.r));
  g.strokeStyle = "#b3261e";
  g.lineWidth = 2;
  g.beginPath();
  rates.forEach((x, i) => {
    const px = (i / Math.max(1, rates.length - 1)) * (c.width - 10) + 5;
    const py = c.height - 10 - (x.r / max) * (c.height - 30);
    i ? g.lineTo(px, py) : g.moveTo(px, py);
  });
  g.stroke();
  g.fillStyle = "#5b6470";
  g.font = "12px system-ui";
  g.fillText(`max ${max.toFixed(0)} tx/s`, 8, 14);
  const last = rates.slice(-10);
  const tps = last.length ? last.reduce((a, x) => a + x.r, 0) / last.length : 0;
  if ($("#tps")) $("#tps").textContent = tps.toFixed(0);
}

async function blockView(id) {
  const b = await api("/blocks/" + encodeURIComponent(id));
  const h = b.header;
  const txs = b.transactions
    .map((t, i) => {
      const r = b.receipts[i];
      return `<tr><td>${i}</td><td>${link("tx/" + t.hash, t.hash)}</td><td>${esc(t.contract)}.${esc(t.method)}</td>` +
        `<td class="${r.status === "success" ? "ok" : "bad"}">${esc(r.status)}${r.code ? " " + esc(r.code) : ""}</td></tr>`;
    })
    .join("");
  $("#view").innerHTML = `
    <section><h2>Block ${h.height}</h2><dl class="kv">
      <dt>hash</dt><dd><code>${h.hash}</code></dd><dt>round</dt><dd>${h.round}</dd>
      <dt>parent</dt><dd>${link("block/" + h.parentHash, h.parentHash)}</dd>
      <dt>time</dt><dd>${time(h.timestampMillis)}</dd><dt>proposer</dt><dd>${link("account/" + h.proposer, h.proposer)}</dd>
      <dt>state root (of ${h.height - 1})</dt><dd><code>${h.stateRoot}</code></dd><dt>transactions</dt><dd>${h.txCount}</dd></dl></section>
    <section><h2>Transactions</h2><table><thead><tr><th>#</th><th>hash</th><th>call</th><th>receipt</th></tr></thead><tbody>${txs}</tbody></table></section>`;
}

async function txView(hash) {
  const t = await api("/transactions/" + hash);
  const r = t.receipt;
  const events = r
    ? r.events.map((e) => `<li><code>${esc(e.contract)}.${esc(e.type)}</code> ${Object.entries(e.attributes).map(([k, v]) => `${esc(k)}=${esc(v)}`).join(" ")}</li>`).join("")
    : "";
  $("#view").innerHTML = `
    <section><h2>Transaction</h2><dl class="kv">
      <dt>hash</dt><dd><code id="tx-hash">${esc(t.hash)}</code></dd><dt>status</dt><dd id="tx-status">${esc(t.status)}</dd>
      ${t.height !== undefined && t.height !== null ? `<dt>block</dt><dd>${link("block/" + t.height, t.height)}</dd>` : ""}
      ${r ? `<dt>receipt</dt><dd class="${r.status === "success" ? "ok" : "bad"}">${esc(r.status)} ${esc(r.code || "")} ${esc(r.message || "")}</dd>` : ""}
    </dl></section>
    ${events ? `<section><h2>Events</h2><ul>${events}</ul></section>` : ""}`;
}

async function accountView(address) {
  const n = await api(`/accounts/${address}/nonce`);
  const panels = await Promise.all(plugins.accountPanels.map((p) => p(address)));
  $("#view").innerHTML = `
    <section><h2>Account</h2><dl class="kv"><dt>address</dt><dd><code>${esc(address)}</code></dd>
      <dt>next nonce</dt><dd>${n.nextNonce}</dd></dl></section>${panels.join("")}`;
}

// ---- what services plug in (docs/console.md)

const plugins = { pages: new Map(), search: [], fallback: [], accountPanels: [], services: [] };

window.jing = {
  api, $, esc, time, link,
  /** A page at #/<kind>/<arg>: render(arg) fills #view. */
  page: (kind, render) => plugins.pages.set(kind, render),
  /** A search rule: rule(q) returns the #/… to open, or null; {last: true} runs after the others. */
  search: (rule, opts = {}) => (opts.last ? plugins.fallback : plugins.search).push(rule),
  /** A section of the account page: panel(address) returns HTML. */
  accountPanel: (panel) => plugins.accountPanels.push(panel),
  /** Names the service, for the footer. */
  service: (name) => plugins.services.push(name),
};

// ---- routing and search

async function route() {
  const [kind, ...rest] = location.hash.replace(/^#\/?/, "").split("/");
  const arg = rest.join("/");
  try {
    if (kind === "block") await blockView(arg);
    else if (kind === "tx") await txView(arg);
    else if (kind === "account") await accountView(arg);
    else if (plugins.pages.has(kind)) await plugins.pages.get(kind)(decodeURIComponent(arg));
    else await dashboard();
  } catch (e) {
    $("#view").innerHTML = `<section><h2>Not found</h2><p class="bad" id="error">${esc(e.message)}</p></section>`;
  }
}

async function search(q) {
  q = q.trim();
  if (/^\d+$/.test(q)) return (location.hash = "#/block/" + q);
  if (/^j[is][0-9a-f]{40}$/.test(q)) return (location.hash = "#/account/" + q);
  for (const rule of plugins.search) {
    const to = rule(q);
    if (to) return (location.hash = to);
  }
  if (/^[0-9a-f]{64}$/.test(q)) {
    try {
      await api("/transactions/" + q);
      return (location.hash = "#/tx/" + q);
    } catch (e) {
      return (location.hash = "#/block/" + q);
    }
  }
  for (const rule of plugins.fallback) {
    const to = q && rule(q);
    if (to) return (location.hash = to);
  }
  $("#view").innerHTML = `<section><p class="bad" id="error">Type a height, hash, address, did:jing:…, nft:&lt;id&gt;, data:&lt;asset&gt; or words to search the data catalogue</p></section>`;
}

$("#search").addEventListener("submit", (e) => {
  e.preventDefault();
  search($("#q").value);
});
window.addEventListener("hashchange", route);

// ---- live updates

function live() {
  const es = new EventSource("/api/v1/stream/blocks");
  es.onopen = () => {
    $("#live").dataset.state = "live";
    $("#live").textContent = "live";
  };
  es.onerror = () => {
    $("#live").dataset.state = "reconnecting";
    $("#live").textContent = "reconnecting…";
  };
  es.addEventListener("block", (ev) => {
    const b = JSON.parse(ev.data);
    state.perBlock.push({ t: b.timestampMillis, txs: b.txCount });
    if (state.perBlock.length > 600) state.perBlock.shift();
    if ($("#height")) $("#height").textContent = b.height;
    const rows = $("#blocks");
    if (rows) {
      rows.insertAdjacentHTML("afterbegin", blockRow(b));
      while (rows.children.length > 20) rows.lastElementChild.remove();
    }
    drawChart();
    if (state.status) {
      $("#chain").textContent = `${state.status.chainId} · ${state.status.suite} · height ${b.height}`;
    }
  });
}

// service scripts load after this one (deferred by the node's index.html); start once they have
window.addEventListener("load", () => {
  $("#services").textContent = plugins.services.join(", ") || "none";
  route();
  live();
});
