// The node console: a dashboard, blocks, transactions and accounts, read from the node's own REST
// API and kept live by its block stream. No framework, no external assets. Each platform service
// adds its pages, search rules and account panels through window.jing (docs/console.md); the node
// loads their scripts after this one.
"use strict";

// A bearer token for a chain whose reads are for members (docs/spec/api-access.md), pasted into the
// sign-in box and kept for this tab's session only; every request sends it.
const auth = {
  get: () => {
    try {
      return sessionStorage.getItem("jing.token");
    } catch (e) {
      return null;
    }
  },
  set: (t) => {
    try {
      if (t) sessionStorage.setItem("jing.token", t);
      else sessionStorage.removeItem("jing.token");
    } catch (e) {
      // storage refused: the token lives until the page reloads
    }
    auth.memory = t;
  },
  headers: () => {
    const t = auth.get() || auth.memory;
    return t ? { Authorization: "Bearer " + t } : {};
  },
};
const api = (path) =>
  fetch("/api/v1" + path, { headers: auth.headers() }).then(async (r) => {
    const body = await r.json();
    if (!r.ok) {
      const e = new Error((body.code || r.status) + ": " + (body.message || "") + (r.status === 401 ? " (sign in with a token: jing auth token --key KEY)" : ""));
      e.code = body.code;
      throw e;
    }
    return body;
  });
const $ = (sel) => document.querySelector(sel);
const esc = (s) => String(s).replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);
const time = (ms) => new Date(ms).toISOString().replace("T", " ").replace(/\.\d+Z$/, "Z");
const link = (href, text) => `<a href="#/${esc(href)}"><span class="hash">${esc(text)}</span></a>`;

const state = { status: null, recent: [], perBlock: [] }; // perBlock: {t, txs} for the tx/s chart

async function refreshStatus() {
  state.status = await api("/status");
  const s = state.status;
  $("#chain").textContent = `${s.chainId} · ${s.suite} · height ${s.height} · round ${s.consensus.round}`;
  return s;
}

// ---- verified in the browser (verify.js; docs/console.md)

// The trust root: the genesis validators, pinned in this browser the first time it sees the chain.
async function trusted() {
  const g = await api("/genesis");
  // pinned by chain id alone: another block 0 or other validators for a known chain is a change
  const key = "jing.genesis." + g.chainId;
  const seen = JSON.stringify({ genesisBlockHash: g.genesisBlockHash, suite: g.suite, validators: g.validators });
  let pin = null;
  try {
    pin = JSON.parse(localStorage.getItem(key) || "null");
    if (!pin) {
      pin = { genesis: seen, at: new Date().toISOString() };
      localStorage.setItem(key, JSON.stringify(pin));
    }
  } catch (e) {
    pin = { genesis: seen, at: null }; // storage refused: trust this visit only
  }
  if (pin.genesis !== seen) {
    throw new jingVerify.VerifyError("GENESIS_CHANGED", `this node serves other genesis validators than the ones this browser pinned for ${g.chainId} on ${pin.at}`);
  }
  const epochs = (await api("/epochs")).epochs;
  return { genesis: g, pinnedAt: pin.at, epochs };
}

const certificateOf = async (h) => {
  try {
    return await api("/blocks/" + h + "/certificate");
  } catch (e) {
    return null;
  }
};

// Fills #verified with what check() proved, or why it could not.
async function badge(height, check) {
  const el = $("#verified");
  el.className = "badge muted";
  el.textContent = "checking in your browser…";
  try {
    const t = await trusted();
    const later = t.epochs.filter((e) => e.firstHeight <= height);
    if (later.length) {
      el.textContent = `not checked in the browser: block ${height} is in epoch ${later[later.length - 1].epoch}, and the console checks epoch 0's validators only; verify it with jing block get ${height} --genesis FILE`;
      return;
    }
    const r = await check(t.genesis);
    if (!r) return; // check() said why it did not check
    el.className = "badge ok";
    el.dataset.state = "verified";
    el.textContent = "✓ verified in your browser: " + r + `; trusting the ${t.genesis.validators.length} genesis validators of ${t.genesis.chainId}` + (t.pinnedAt ? ` (pinned in this browser ${t.pinnedAt.slice(0, 10)})` : "");
  } catch (e) {
    // what this browser cannot check is not evidence against the node
    const cannot = e.code === "NO_WEBCRYPTO" || e.code === "UNCHECKABLE";
    el.className = cannot ? "badge muted" : "badge bad";
    el.dataset.state = cannot ? "unchecked" : "failed";
    el.textContent = (cannot ? "not checked in this browser: " : "✗ NOT VERIFIED: ") + e.message;
  }
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
  const head = (await refreshStatus()).height;
  let cert = null;
  try {
    cert = await api("/blocks/" + h.height + "/certificate");
  } catch (e) {
    cert = null;
  }
  const signers = cert && cert.signers
    ? `<span id="block-certified">${esc(cert.signers.length)} of ${esc(cert.validators)} validators</span> (as this node reports them; the badge above says what your browser checked): ` +
      cert.signers.map((a) => link("account/" + a, a)).join(" ")
    : `<span id="block-certified" class="muted">${h.height === 0 ? "genesis: no certificate" : "not yet certified on this node (its child's QC certifies it)"}</span>`;
  const nav = (h.height > 0 ? `<a id="block-prev" href="#/block/${h.height - 1}">← block ${h.height - 1}</a> ` : "") +
    (h.height < head ? `<a id="block-next" href="#/block/${h.height + 1}">block ${h.height + 1} →</a>` : "");
  const txs = b.transactions
    .map((t, i) => {
      const r = b.receipts[i];
      return `<tr><td>${i}</td><td>${link("tx/" + t.hash, t.hash)}</td><td>${link("account/" + t.sender, t.sender)}</td><td>${esc(t.contract)}.${esc(t.method)}</td>` +
        `<td class="${r.status === "success" ? "ok" : "bad"}">${esc(r.status)}${r.code ? " " + esc(r.code) : ""}</td></tr>`;
    })
    .join("");
  $("#view").innerHTML = `
    <section><h2 id="block-title">Block ${h.height}</h2><p>${nav}</p><p id="verified" class="badge muted"></p><dl class="kv">
      <dt>hash</dt><dd><code>${esc(h.hash)}</code></dd><dt>round</dt><dd>${esc(h.round)}</dd>
      <dt>parent</dt><dd>${link("block/" + h.parentHash, h.parentHash)}</dd>
      <dt>time</dt><dd>${time(h.timestampMillis)}</dd><dt>proposer</dt><dd>${link("account/" + h.proposer, h.proposer)}</dd>
      <dt>state root (of ${h.height - 1})</dt><dd><code>${esc(h.stateRoot)}</code></dd><dt>transactions</dt><dd>${esc(h.txCount)}</dd>
      <dt>certified by</dt><dd>${signers}</dd></dl></section>
    <section><h2>Transactions</h2><table><thead><tr><th>#</th><th>hash</th><th>sender</th><th>call</th><th>receipt</th></tr></thead><tbody>${txs || '<tr><td colspan="5" class="muted">none</td></tr>'}</tbody></table></section>`;
  badge(h.height, async (g) => {
    const v = await jingVerify.verifyBlock(g, b, certificateOf);
    return `block ${v.height} is committed (signed by ${v.signers.length} of ${v.n} validators: #${v.signers.join(", #")})` +
      (v.txs ? `, its ${v.txs} transaction${v.txs > 1 ? "s" : ""} and ${v.receipts === "checked" ? "their receipts" : "(receipts not yet: no child block)"} are the block's` : ", it holds no transactions");
  });
}

// bytes of a hex string
const hexBytes = (hex) => (hex ? hex.length / 2 : 0);

async function txView(hash) {
  const t = await api("/transactions/" + encodeURIComponent(hash));
  const r = t.receipt;
  const tx = t.tx;
  const committed = t.height !== undefined && t.height !== null;
  const block = committed ? await api("/blocks/" + t.height) : null;
  const header = committed ? block.header : null;
  const events = r
    ? r.events.map((e) => `<li><code>${esc(e.contract)}.${esc(e.type)}</code> ${Object.entries(e.attributes).map(([k, v]) => `${esc(k)}=${esc(v)}`).join(" ")}</li>`).join("")
    : "";
  $("#view").innerHTML = `
    <section><h2>Transaction</h2>${committed ? '<p id="verified" class="badge muted"></p>' : ""}<dl class="kv">
      <dt>hash</dt><dd><code id="tx-hash">${esc(t.hash)}</code></dd><dt>status</dt><dd id="tx-status">${esc(t.status)}</dd>
      ${committed ? `<dt>block</dt><dd>${link("block/" + t.height, t.height)} (number ${esc(t.index)} in it)</dd><dt>time</dt><dd id="tx-time">${time(header.timestampMillis)}</dd>` : ""}
      <dt>sender</dt><dd id="tx-sender">${link("account/" + tx.sender, tx.sender)}</dd>
      <dt>nonce</dt><dd id="tx-nonce">${esc(tx.nonce)}</dd>
      <dt>call</dt><dd id="tx-call"><code>${esc(tx.contract)}.${esc(tx.method)}</code></dd>
      <dt>arguments</dt><dd><details><summary id="tx-args">${hexBytes(tx.args)} bytes (canonical encoding)</summary><code>${esc(tx.args)}</code></details></dd>
      <dt>expires</dt><dd>${time(tx.expiresAtMillis)}</dd>
      <dt>signature</dt><dd><code>${esc(tx.signature)}</code></dd>
      ${r ? `<dt>receipt</dt><dd class="${r.status === "success" ? "ok" : "bad"}">${esc(r.status)} ${esc(r.code || "")} ${esc(r.message || "")}</dd>` : ""}
    </dl></section>
    ${events ? `<section><h2>Events</h2><ul>${events}</ul></section>` : ""}`;
  if (committed) {
    badge(t.height, async (g) => {
      // what this page shows must be what the verified block holds at this index
      const same = (a, b) => JSON.stringify(a) === JSON.stringify(b);
      if (!same(tx, block.transactions[t.index]) || !same(r, block.receipts[t.index]) || block.header.hash !== t.blockHash ||
          t.hash !== tx.hash || t.height !== block.header.height || t.status !== "committed") {
        throw new jingVerify.VerifyError("TX_MISMATCH", "the transaction shown is not number " + t.index + " of block " + t.height);
      }
      const v = await jingVerify.verifyTransaction(g, block, t.index, certificateOf);
      return `signed by its sender, number ${t.index} of block ${v.height}, which is committed (signed by ${v.signers.length} of ${v.n} validators)` +
        (v.receipts === "checked" ? ", and its receipt is the block's" : "; its receipt is not checked yet (no child block)");
    });
  }
}

const historyRow = (t) =>
  `<tr><td>${link("block/" + t.height, t.height)}</td><td>${time(t.timestampMillis)}</td>` +
  `<td>${t.sent ? (t.named ? "sent, named" : "sent") : "named"}</td><td>${link("tx/" + t.hash, t.hash)}</td>` +
  `<td><code>${esc(t.contract)}.${esc(t.method)}</code></td>` +
  `<td class="${t.status === "success" ? "ok" : "bad"}">${esc(t.status)}${t.code ? " " + esc(t.code) : ""}</td></tr>`;

// One page of the account's history into #history; "older" loads the next page below it.
async function historyPage(address, before) {
  const q = `/accounts/${encodeURIComponent(address)}/transactions?limit=25` + (before ? "&before=" + encodeURIComponent(before) : "");
  const p = await api(q);
  $("#history tbody").insertAdjacentHTML("beforeend", p.transactions.map(historyRow).join(""));
  const more = $("#history-more");
  if (p.next) {
    more.hidden = false;
    more.onclick = () => historyPage(address, p.next);
  } else {
    more.hidden = true;
  }
  const count = $("#history tbody").children.length;
  $("#history-count").textContent = count === 0 ? "no committed transactions" : `${count} shown, newest first${p.next ? "" : " (all)"}`;
  if (p.indexedFrom > 0) {
    $("#history-note").textContent = `This node is still indexing the blocks below ${p.indexedFrom} (committed before it was upgraded): older transactions may be missing.`;
  }
}

async function accountView(address) {
  const n = await api(`/accounts/${encodeURIComponent(address)}/nonce`);
  const panels = await Promise.all(plugins.accountPanels.map((p) => p(address)));
  $("#view").innerHTML = `
    <section><h2>Account</h2><dl class="kv"><dt>address</dt><dd><code id="account-address">${esc(address)}</code></dd>
      <dt>next nonce</dt><dd>${esc(n.nextNonce)}</dd></dl></section>${panels.join("")}
    <section><h2>Transactions</h2><p class="muted"><span id="history-count"></span>. <em>sent</em>: signed by this account; <em>named</em>: its events name this account (a transfer to it, a grant to it).</p>
      <p class="bad" id="history-note"></p>
      <table id="history"><thead><tr><th>block</th><th>time</th><th>role</th><th>transaction</th><th>call</th><th>receipt</th></tr></thead><tbody></tbody></table>
      <p><button id="history-more" hidden>older</button></p></section>`;
  await historyPage(address, null);
}

// ---- what services plug in (docs/console.md)

const plugins = { pages: new Map(), search: [], fallback: [], accountPanels: [], services: [] };

window.jing = {
  api, auth, $, esc, time, link,
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
    const title = { AUTH_REQUIRED: "Sign in to read this", ACCESS_DENIED: "Not allowed", TOKEN_INVALID: "Token refused", TOKEN_EXPIRED: "Token expired" }[e.code] || "Not found";
    $("#view").innerHTML = `<section><h2 id="error-title">${esc(title)}</h2><p class="bad" id="error" data-code="${esc(e.code || "")}">${esc(e.message)}</p></section>`;
    if (e.code === "TOKEN_INVALID" || e.code === "TOKEN_EXPIRED") {
      auth.set(null);
      signedIn();
    }
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

const liveState = (st, text) => {
  $("#live").dataset.state = st;
  $("#live").textContent = text;
};

// The block stream: EventSource when anonymous; with a token, the same stream read through fetch,
// since EventSource cannot send an Authorization header (and a token in a URL would be logged).
let stream = null;
function live() {
  if (stream) stream.stop();
  stream = auth.headers().Authorization ? fetchStream() : eventSource();
}

function eventSource() {
  const es = new EventSource("/api/v1/stream/blocks");
  es.onopen = () => liveState("live", "live");
  es.onerror = () => liveState("reconnecting", "reconnecting…");
  es.addEventListener("block", (ev) => onBlock(JSON.parse(ev.data)));
  return { stop: () => es.close() };
}

function fetchStream() {
  const control = new AbortController();
  let stopped = false;
  (async () => {
    while (!stopped) {
      try {
        const r = await fetch("/api/v1/stream/blocks", { headers: { ...auth.headers(), Accept: "text/event-stream" }, signal: control.signal });
        if (r.status === 401) {
          // the token expired or was refused: drop it, say so, and follow anonymously
          auth.set(null);
          signedIn();
          stopped = true;
          stream = eventSource();
          return;
        }
        if (!r.ok) throw new Error(String(r.status));
        liveState("live", "live");
        const reader = r.body.pipeThrough(new TextDecoderStream()).getReader();
        let buf = "";
        for (;;) {
          const { value, done } = await reader.read();
          if (done) break;
          buf += value;
          let end;
          while ((end = buf.indexOf("\n\n")) >= 0) {
            const frame = buf.slice(0, end).split("\n");
            buf = buf.slice(end + 2);
            if (frame.includes("event: block")) {
              const data = frame.find((l) => l.startsWith("data: "));
              if (data) onBlock(JSON.parse(data.slice(6)));
            }
          }
        }
      } catch (e) {
        if (stopped) return;
      }
      liveState("reconnecting", "reconnecting…");
      await new Promise((res) => setTimeout(res, 2000));
    }
  })();
  return {
    stop: () => {
      stopped = true;
      control.abort();
    },
  };
}

// Who the token proves, shown in the header; a token the node refuses is dropped.
async function signedIn() {
  const has = !!auth.headers().Authorization;
  $("#signout").hidden = !has;
  $("#token").hidden = has;
  $("#signin-go").hidden = has;
  try {
    const a = await api("/access");
    const c = a.caller;
    $("#who").textContent = c ? `${c.account.slice(0, 12)}… ${c.org ? c.org + " " + c.roles.join(",") : "(no role)"}` : "anonymous";
    $("#who").dataset.account = c ? c.account : "";
    return true;
  } catch (e) {
    auth.set(null);
    $("#who").textContent = e.message;
    $("#signout").hidden = true;
    $("#token").hidden = false;
    $("#signin-go").hidden = false;
    return false;
  }
}

$("#signin").addEventListener("submit", async (e) => {
  e.preventDefault();
  const t = $("#token").value.trim();
  $("#token").value = "";
  if (!t) return;
  auth.set(t);
  if (await signedIn()) {
    live();
    route();
  }
});
$("#signout").addEventListener("click", () => {
  auth.set(null);
  signedIn();
  live();
  route();
});

function onBlock(b) {
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
}

// service scripts load after this one (deferred by the node's index.html); start once they have
window.addEventListener("load", () => {
  $("#services").textContent = plugins.services.join(", ") || "none";
  signedIn();
  route();
  live();
});
