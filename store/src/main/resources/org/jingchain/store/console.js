// The store service's console view: the storage nodes with their capacity and reputation
// (#/store), and an object's page with each shard's node and confirmation (#/object/<id>).
"use strict";
(() => {
  const { api, esc, $ } = window.jing;
  jing.service("store");

  const mib = (n) => (n / 1048576).toFixed(1) + " MiB";

  async function nodesView() {
    const r = await api("/store/nodes");
    const rows = r.nodes
      .map(
        (n) =>
          `<tr><td>${esc(n.id)}</td><td>${esc(n.org)}${n.zone ? "/" + esc(n.zone) : ""}</td><td class="mono">${esc(n.endpoint)}</td>` +
          `<td>${mib(n.used)} / ${mib(n.capacity)}</td><td class="${n.status === "active" ? "ok" : "bad"}">${esc(n.status)}</td>` +
          `<td>${n.reputation}</td><td>${n.audits} / ${n.failed} / ${n.missed}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2>Storage nodes</h2>
      ${rows ? `<table id="store-nodes"><thead><tr><th>node</th><th>failure domain</th><th>endpoint</th><th>used / capacity</th><th>status</th><th>reputation</th><th>audits / failed / missed</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">none registered</p>'}
      <form id="object-form"><label>object id <input id="object-id" size="66"></label> <button>show</button></form></section>`;
    $("#object-form").addEventListener("submit", (e) => {
      e.preventDefault();
      location.hash = "#/object/" + encodeURIComponent($("#object-id").value.trim());
    });
  }

  async function objectView(id) {
    const o = await api("/store/objects/" + encodeURIComponent(id));
    const shards = o.shards
      .map(
        (s) =>
          `<tr><td>${s.index}${s.index < o.dataShards ? "" : " (parity)"}</td><td>${esc(s.node)}</td><td class="mono">${esc(s.root.slice(0, 16))}…</td>` +
          `<td class="${s.confirmed && !s.lost ? "ok" : "bad"}">${s.lost ? "lost" : s.confirmed ? "confirmed" : "waiting"}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="object-name">${esc(o.name)}</h2><dl class="kv">
      <dt>id</dt><dd class="mono">${esc(o.id)}</dd><dt>owner</dt><dd class="mono">${esc(o.owner)}</dd>
      <dt>size</dt><dd>${o.plainSize} bytes${o.encrypted ? `, sealed (${o.size} stored; only the owner's key opens it)` : ", plaintext"}</dd><dt>coding</dt><dd>${o.dataShards} + ${o.parityShards}, shards of ${o.shardLength} bytes</dd>
      <dt>content root</dt><dd class="mono">${esc(o.contentRoot)}</dd>
      <dt>status</dt><dd id="object-status" class="${o.status === "stored" ? "ok" : "bad"}">${esc(o.status)} (${o.confirmed} of ${o.shards.length} shards confirmed, ${o.healthy} healthy${o.repairer ? ", rebuilt by " + esc(o.repairer) : ""}${o.openAudits ? ", " + o.openAudits + " challenges open" : ""})</dd>
      <dt>recorded at height</dt><dd>${o.createdHeight}</dd>${o.asset ? `<dt>data asset</dt><dd>${esc(o.asset)}</dd>` : ""}</dl></section>
      <section><h2>Shards</h2><table id="object-shards"><thead><tr><th>shard</th><th>node</th><th>root</th><th>confirmed</th></tr></thead><tbody>${shards}</tbody></table></section>`;
  }

  jing.page("store", nodesView);
  jing.page("object", objectView);
  jing.search((q) => (q === "store" ? "#/store/" : q.startsWith("object:") ? "#/object/" + encodeURIComponent(q.slice(7)) : null));
})();
