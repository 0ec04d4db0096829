// The node console: a dashboard, blocks, transactions, accounts and collectibles, read from the
// node's own REST API and kept live by its block stream. No framework, no external assets.
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
  const [b, n] = await Promise.all([api(`/accounts/${address}/balances`), api(`/accounts/${address}/nonce`)]);
  const rows = b.balances.map((x) => `<tr><td>${esc(x.symbol)}</td><td>${esc(x.amount)}</td></tr>`).join("");
  $("#view").innerHTML = `
    <section><h2>Account</h2><dl class="kv"><dt>address</dt><dd><code>${esc(address)}</code></dd>
      <dt>next nonce</dt><dd>${n.nextNonce}</dd></dl></section>
    <section><h2>Balances</h2>${rows ? `<table><thead><tr><th>token</th><th>amount</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">none</p>'}</section>`;
}

async function nftView(id) {
  const n = await api("/nfts/" + encodeURIComponent(id));
  $("#view").innerHTML = `<section><h2>Collectible ${esc(id)}</h2><dl class="kv">
    <dt>owner</dt><dd>${link("account/" + n.owner, n.owner)}</dd><dt>creator</dt><dd>${link("account/" + n.creator, n.creator)}</dd>
    <dt>metadata digest</dt><dd><code>${esc(n.digest)}</code></dd></dl></section>`;
}

async function didView(did) {
  const r = await fetch("/api/v1/dids/" + encodeURIComponent(did)).then((x) => x.json());
  const err = r.didResolutionMetadata && r.didResolutionMetadata.error;
  const m = r.didDocumentMetadata || {};
  const doc = r.didDocument;
  const keys = doc
    ? doc.verificationMethod.map((v) => `<tr><td><code>${esc(v.id.split("#")[1])}</code></td><td>${esc(v.publicKeyJwk.kty)} ${esc(v.publicKeyJwk.crv)}</td></tr>`).join("")
    : "";
  const services = doc ? doc.service.map((s) => `<li><code>${esc(s.type)}</code> ${esc(s.serviceEndpoint)}</li>`).join("") : "";
  $("#view").innerHTML = `
    <section><h2>DID</h2><dl class="kv">
      <dt>id</dt><dd><code id="did-id">${esc(did)}</code></dd>
      <dt>status</dt><dd id="did-status" class="${err ? "bad" : "ok"}">${err ? esc(err) : "active"}</dd>
      ${m.versionId ? `<dt>version</dt><dd>${esc(m.versionId)}</dd><dt>created</dt><dd>${esc(m.created)}</dd><dt>updated</dt><dd>${esc(m.updated)}</dd>` : ""}
    </dl></section>
    ${keys ? `<section><h2>Keys</h2><table><thead><tr><th>id</th><th>type</th></tr></thead><tbody>${keys}</tbody></table></section>` : ""}
    ${services ? `<section><h2>Services</h2><ul>${services}</ul></section>` : ""}
    ${doc ? `<section><h2>Document</h2><pre>${esc(JSON.stringify(doc, null, 2))}</pre></section>` : ""}`;
}

// ---- the data directory: catalogue search, an asset and its lineage graph

async function catalogueView(q) {
  const r = await api("/datadir/search?limit=50&q=" + encodeURIComponent(q));
  const rows = r.hits
    .map(
      (h) =>
        `<tr><td>${link("data/" + encodeURIComponent(h.id), h.id)}</td><td>${esc(h.title)}</td>` +
        `<td>${esc(h.sector)}</td><td>${esc(h.policy)}</td><td>${esc(h.status)}</td></tr>`
    )
    .join("");
  $("#view").innerHTML = `<section><h2>Data catalogue: “${esc(q)}”</h2>
    <p class="muted" id="catalogue-total">${r.total} asset${r.total === 1 ? "" : "s"}</p>
    ${rows ? `<table id="catalogue"><thead><tr><th>id</th><th>title</th><th>sector</th><th>policy</th><th>status</th></tr></thead><tbody>${rows}</tbody></table>` : ""}
    </section>`;
}

async function dataView(id) {
  const [a, up, down] = await Promise.all([
    api("/datadir/assets/" + encodeURIComponent(id)),
    api("/datadir/assets/" + encodeURIComponent(id) + "/lineage?direction=ancestors&max=60"),
    api("/datadir/assets/" + encodeURIComponent(id) + "/lineage?direction=descendants&max=60"),
  ]);
  const v = a.latest || {};
  $("#view").innerHTML = `<section><h2 id="data-id">${esc(a.id)}</h2>
    <dl class="kv">
      <dt>title</dt><dd>${esc(a.title)}</dd>
      <dt>owner</dt><dd>${link("did/" + encodeURIComponent(a.owner), a.owner)}</dd>
      <dt>sector · policy · status</dt><dd>${esc(a.sector)} · ${esc(a.policy.kind)} · <span id="data-status">${esc(a.status)}</span></dd>
      <dt>latest version</dt><dd class="hash">${v.version || "–"} · ${v.digest ? esc(v.digest.algorithm + ":" + v.digest.value) : ""} · ${v.size || 0} bytes</dd>
      <dt>tags</dt><dd>${a.tags.map(esc).join(", ")}</dd>
    </dl></section>
    <section><h2>Lineage</h2>${lineageSvg(a.id, up, down)}</section>`;
}

// Layers: ancestors above the asset (one row per distance), descendants below, drawn as SVG.
function lineageSvg(root, up, down) {
  const depth = new Map([[root, 0]]);
  const walk = (edges, from, to, sign) => {
    let changed = true;
    while (changed) {
      changed = false;
      for (const e of edges) {
        const a = e[from], b = e[to];
        if (depth.has(a) && !depth.has(b)) {
          depth.set(b, depth.get(a) + sign);
          changed = true;
        }
      }
    }
  };
  walk(up.edges, "from", "to", -1); // child -> parent: parents above
  walk(down.edges, "to", "from", 1); // parent <- child: children below
  const rows = new Map();
  [...depth.entries()].sort((x, y) => x[0].localeCompare(y[0])).forEach(([id, d]) => {
    if (!rows.has(d)) rows.set(d, []);
    rows.get(d).push(id);
  });
  const ds = [...rows.keys()].sort((x, y) => x - y);
  const w = 190, h = 34, gx = 24, gy = 46;
  const width = Math.max(...[...rows.values()].map((r) => r.length)) * (w + gx) + gx;
  const pos = new Map();
  ds.forEach((d, row) =>
    rows.get(d).forEach((id, i) => pos.set(id, { x: gx + i * (w + gx), y: gy / 2 + row * (h + gy) }))
  );
  const lines = [...up.edges, ...down.edges]
    .filter((e) => pos.has(e.from) && pos.has(e.to))
    .map((e) => {
      const c = pos.get(e.from), p = pos.get(e.to);
      return `<line x1="${c.x + w / 2}" y1="${c.y}" x2="${p.x + w / 2}" y2="${p.y + h}" class="edge"/>`;
    })
    .join("");
  const boxes = [...pos.entries()]
    .map(
      ([id, p]) =>
        `<a href="#/data/${encodeURIComponent(id)}"><g class="node${id === root ? " root" : ""}" data-id="${esc(id)}">` +
        `<rect x="${p.x}" y="${p.y}" width="${w}" height="${h}" rx="4"/>` +
        `<text x="${p.x + w / 2}" y="${p.y + h / 2 + 5}" text-anchor="middle">${esc(id.length > 26 ? id.slice(0, 25) + "…" : id)}</text></g></a>`
    )
    .join("");
  const height = ds.length * (h + gy);
  const note = up.truncated || down.truncated ? `<p class="muted">larger than shown (first 60 each way)</p>` : "";
  return `<div class="lineage"><svg id="lineage" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-label="lineage of ${esc(root)}">${lines}${boxes}</svg></div>${note}`;
}

// ---- routing and search

async function route() {
  const [kind, arg] = location.hash.replace(/^#\/?/, "").split("/");
  try {
    if (kind === "block") await blockView(arg);
    else if (kind === "tx") await txView(arg);
    else if (kind === "account") await accountView(arg);
    else if (kind === "nft") await nftView(decodeURIComponent(arg));
    else if (kind === "did") await didView(decodeURIComponent(arg));
    else if (kind === "data") await dataView(decodeURIComponent(arg));
    else if (kind === "catalogue") await catalogueView(decodeURIComponent(arg));
    else await dashboard();
  } catch (e) {
    $("#view").innerHTML = `<section><h2>Not found</h2><p class="bad" id="error">${esc(e.message)}</p></section>`;
  }
}

async function search(q) {
  q = q.trim();
  if (/^\d+$/.test(q)) return (location.hash = "#/block/" + q);
  if (/^j[is][0-9a-f]{40}$/.test(q)) return (location.hash = "#/account/" + q);
  if (q.startsWith("nft:")) return (location.hash = "#/nft/" + encodeURIComponent(q.slice(4)));
  if (q.startsWith("did:")) return (location.hash = "#/did/" + encodeURIComponent(q));
  if (/^[0-9a-f]{64}$/.test(q)) {
    try {
      await api("/transactions/" + q);
      return (location.hash = "#/tx/" + q);
    } catch (e) {
      return (location.hash = "#/block/" + q);
    }
  }
  if (q.startsWith("data:")) return (location.hash = "#/data/" + encodeURIComponent(q.slice(5)));
  if (q) return (location.hash = "#/catalogue/" + encodeURIComponent(q)); // words: the data catalogue
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

route();
live();
