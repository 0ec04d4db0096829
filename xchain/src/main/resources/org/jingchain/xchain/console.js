// The cross-chain service's console view: this chain's clients of other chains and the packets
// waiting for their fate and, on a hub, its member chains (#/xchain), and a client's page
// (#/client/<id>).
"use strict";
(() => {
  const { api, esc, $, time } = window.jing;
  jing.service("xchain");

  async function clientsView() {
    const [r, m] = await Promise.all([api("/xchain/clients"), api("/xchain/members")]);
    const rows = await Promise.all(
      r.clients.map(async (c) => {
        const p = await api("/xchain/packets/" + c.id + "?limit=1000");
        return `<tr><td><a href="#/client/${esc(c.id)}">${esc(c.id)}</a></td><td>${esc(c.counterpartyChainId)} (${esc(c.suite)})</td>` +
          `<td>${esc(c.counterpartyClient || "–")}</td><td class="${c.status === "active" ? "ok" : "bad"}">${esc(c.status)}</td>` +
          `<td>${c.latestHeight}</td><td>${p.pending.length}</td></tr>`;
      })
    );
    $("#view").innerHTML = `<section><h2>Cross-chain clients</h2>
      ${rows.length ? `<table id="xchain-clients"><thead><tr><th>client</th><th>chain</th><th>its client of us</th><th>status</th><th>latest height</th><th>packets in flight</th></tr></thead><tbody>${rows.join("")}</tbody></table>` : '<p class="muted">none</p>'}
      </section>
      ${m.members.length ? `<section><h2>Hub members</h2><table id="xchain-members"><thead><tr><th>chain</th><th>suite</th><th>client</th><th>genesis</th><th>operators</th></tr></thead><tbody>${m.members
        .map((x) => `<tr><td>${esc(x.chainId)}</td><td>${esc(x.suite)}</td><td><a href="#/client/${esc(x.client)}">${esc(x.client)}</a></td><td class="mono">${esc(x.genesisHash.slice(0, 16))}…</td><td>${esc(x.operators.join(", "))}</td></tr>`)
        .join("")}</tbody></table></section>` : ""}`;
  }

  async function clientView(id) {
    const [c, p] = await Promise.all([api("/xchain/clients/" + id), api("/xchain/packets/" + id + "?limit=100")]);
    const epochs = c.epochs
      .map((e) => `<tr><td>${e.number}</td><td>${e.firstHeight}</td><td>${e.validators.length}</td></tr>`)
      .join("");
    const packets = p.pending
      .map(
        (x) =>
          `<tr><td>${x.sequence}</td><td>${esc(x.app)}</td><td>${esc(x.content.amount || "")} ${esc(x.content.denom || x.content.id || "")}</td>` +
          `<td>${esc(x.content.receiver || "")}</td><td>${x.timeoutHeight || "–"} / ${x.timeoutMillis ? time(x.timeoutMillis) : "–"}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="client-id">${esc(c.id)}</h2><dl class="kv">
      <dt>follows</dt><dd>${esc(c.counterpartyChainId)} (${esc(c.suite)})</dd>
      <dt>its client of this chain</dt><dd>${esc(c.counterpartyClient || "not registered")}</dd>
      <dt>status</dt><dd id="client-status" class="${c.status === "active" ? "ok" : "bad"}">${esc(c.status)}</dd>
      <dt>latest height</dt><dd>${c.latestHeight}${c.latest ? " · " + time(c.latest.timestampMillis) : ""}</dd>
      <dt>updated</dt><dd>${time(c.updatedAtMillis)}</dd></dl></section>
      <section><h2>Epochs</h2><table><thead><tr><th>epoch</th><th>from height</th><th>validators</th></tr></thead><tbody>${epochs}</tbody></table></section>
      <section><h2>Packets in flight (${p.pending.length})</h2>${packets ? `<table id="packets"><thead><tr><th>#</th><th>app</th><th>what</th><th>to</th><th>timeout (height / time)</th></tr></thead><tbody>${packets}</tbody></table>` : '<p class="muted">none</p>'}</section>`;
  }

  jing.page("xchain", clientsView);
  jing.page("client", clientView);
  jing.search((q) => (q === "xchain" ? "#/xchain/" : /^c-\d+$/.test(q) ? "#/client/" + q : null));
})();
