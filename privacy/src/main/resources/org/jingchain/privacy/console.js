// The aggregate service's console view: committees and sealed aggregates (#/aggregates), a
// committee's key generation (#/committee/<id>) and an aggregate's contributions, shares and
// total (#/aggregate/<id>). Nothing here can open a contribution: the chain holds none in clear.
"use strict";
(() => {
  const { api, esc, $ } = window.jing;
  jing.service("aggregate");

  const table = (id, items, hash) =>
    items.length
      ? `<table id="${id}"><thead><tr><th>id</th><th>status</th><th></th></tr></thead><tbody>` +
        items
          .map((i) => `<tr><td><a href="#/${hash}/${encodeURIComponent(i.id)}">${esc(i.id)}</a></td><td>${esc(i.status)}</td><td>${esc(i.detail)}</td></tr>`)
          .join("") +
        "</tbody></table>"
      : '<p class="muted">none yet</p>';

  async function listView() {
    const [cs, as] = await Promise.all([api("/aggregate/committees"), api("/aggregate/aggregates")]);
    $("#view").innerHTML = `<section><h2>Sealed aggregates</h2>${table("aggregate-list", as.items, "aggregate")}</section>
      <section><h2>Committees</h2>${table("committee-list", cs.items, "committee")}</section>`;
  }

  const yes = (b) => (b ? "yes" : "—");

  async function committeeView(id) {
    const c = await api("/aggregate/committees/" + encodeURIComponent(id));
    const rows = c.members
      .map(
        (m) =>
          `<tr><td>${m.index}</td><td class="mono">${esc(m.address)}</td><td>${yes(m.joined)}</td><td>${yes(m.dealt)}</td><td>${yes(m.acked)}</td>` +
          `<td class="${m.disqualified ? "bad" : ""}">${m.disqualified ? "disqualified" : ""}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="committee-id">${esc(c.id)}</h2><dl class="kv">
      <dt>phase</dt><dd id="committee-phase" class="${c.phase === "ready" ? "ok" : c.phase === "failed" ? "bad" : ""}">${esc(c.phase)}${c.failure ? ": " + esc(c.failure) : ""}</dd>
      <dt>threshold</dt><dd>${c.threshold} of ${c.members.length} members decrypt</dd><dt>curve</dt><dd>${esc(c.curve)}</dd>
      ${c.publicKey ? `<dt>public key</dt><dd class="mono">${esc(c.publicKey)}</dd>` : `<dt>phase ends</dt><dd>height ${c.deadline} at the latest (now ${c.height})</dd>`}</dl></section>
      <section><h2>Members</h2><table id="committee-members"><thead><tr><th>#</th><th>account</th><th>joined</th><th>dealt</th><th>checked</th><th></th></tr></thead><tbody>${rows}</tbody></table></section>`;
  }

  async function aggregateView(id) {
    const a = await api("/aggregate/aggregates/" + encodeURIComponent(id));
    const shares = a.shares.map((s) => `member ${s.member}`).join(", ") || "none yet";
    $("#view").innerHTML = `<section><h2 id="aggregate-id">${esc(a.id)}</h2><dl class="kv">
      ${a.description ? `<dt>what</dt><dd>${esc(a.description)}</dd>` : ""}
      <dt>committee</dt><dd><a href="#/committee/${encodeURIComponent(a.committee)}">${esc(a.committee)}</a></dd>
      <dt>status</dt><dd id="aggregate-status" class="${a.status === "revealed" ? "ok" : a.status === "cancelled" ? "bad" : ""}">${esc(a.status)}</dd>
      <dt>contributions</dt><dd id="aggregate-count">${a.contributions} (each proved to be 0 … ${2 ** a.bits - 1}; at least ${a.minContributions} before decryption, at most ${a.maxContributions})</dd>
      <dt>decryption shares</dt><dd>${shares} (${a.threshold} needed)</dd>
      <dt>total</dt><dd id="aggregate-total">${a.total === null ? '<span class="muted">sealed</span>' : a.total}</dd>
      <dt>opened at height</dt><dd>${a.openedHeight}</dd>${a.closedHeight ? `<dt>closed at height</dt><dd>${a.closedHeight}</dd>` : ""}</dl></section>`;
  }

  jing.page("aggregates", listView);
  jing.page("committee", committeeView);
  jing.page("aggregate", aggregateView);
  jing.search((q) => (q === "aggregates" ? "#/aggregates/" : q.startsWith("aggregate:") ? "#/aggregate/" + encodeURIComponent(q.slice(10)) : null));
})();
