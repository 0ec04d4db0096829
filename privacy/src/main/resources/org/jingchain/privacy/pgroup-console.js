// The pgroup service's console view: a private group's member nodes and its records as the chain
// holds them — hashes and sizes, never payloads — and which of them this node holds
// (#/pgroup/<id>).
"use strict";
(() => {
  const { api, esc, $ } = window.jing;
  jing.service("pgroup");

  async function groupView(id) {
    const [g, page] = await Promise.all([
      api("/pgroup/groups/" + encodeURIComponent(id)),
      api("/pgroup/groups/" + encodeURIComponent(id) + "/records"),
    ]);
    const members = g.members
      .map((m) => `<tr><td>${m.index}</td><td>${esc(m.org)}</td><td class="mono">${esc(m.endpoint)}</td></tr>`)
      .join("");
    const rows = page.items
      .map(
        (r) =>
          `<tr><td>${r.seq}</td><td class="mono">${esc(r.hash.slice(0, 16))}…</td><td>${r.size}</td><td class="mono">${esc(r.sender)}</td>` +
          `<td>${r.attesters} of ${g.members.length}</td><td>${r.purged ? "purged" : g.thisNodeIsMember ? (r.heldHere ? "held here" : "fetching") : "not held (not a member)"}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="pgroup-id">${esc(g.id)}</h2><dl class="kv">
      <dt>threshold</dt><dd>${g.threshold} member nodes must hold a payload before the chain records it</dd>
      <dt>this node</dt><dd id="pgroup-member">${g.thisNodeIsMember ? "a member: holds " + g.heldHere + " of " + g.records : "not a member: holds nothing of this group"}</dd></dl>
      <table><thead><tr><th>#</th><th>organisation</th><th>endpoint</th></tr></thead><tbody>${members}</tbody></table></section>
      <section><h2>Records</h2>${rows ? `<table id="pgroup-records"><thead><tr><th>#</th><th>hash</th><th>bytes</th><th>sender</th><th>attested</th><th></th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">none yet</p>'}</section>`;
  }

  jing.page("pgroup", groupView);
  jing.search((q) => (q.startsWith("pgroup:") ? "#/pgroup/" + encodeURIComponent(q.slice(7)) : null));
})();
