// The data directory's console view: catalogue search (words, the last search rule), an asset's
// page (data:<id>) with its versions, its audit trail (newest first) and its lineage drawn as SVG.
"use strict";
(() => {
  const { api, esc, link, $ } = window.jing;
  jing.service("datadir");
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
    // the audit trail is stored oldest first: read its size, then its last page
    const size = (await api("/datadir/audit?limit=1&asset=" + encodeURIComponent(id))).total;
    const audit = await api(`/datadir/audit?limit=50&from=${Math.max(0, size - 50)}&asset=` + encodeURIComponent(id));
    const auditRows = audit.entries
      .slice()
      .reverse()
      .map(
        (e) =>
          `<tr><td>${esc(e.seq)}</td><td>${jing.time(e.timeMillis)}</td><td>${esc(e.type)}</td>` +
          `<td>${e.actor ? link("did/" + encodeURIComponent(e.actor), e.actor) : ""}</td><td>${esc(e.detail || "")}</td>` +
          `<td>${link("tx/" + e.tx, e.tx)}</td></tr>`
      )
      .join("");
    // the newest ten versions (a.versions counts them)
    const numbers = [];
    for (let n = Number(a.versions) | 0; n >= 1 && numbers.length < 10; n--) numbers.push(n);
    const versions = await Promise.all(numbers.map((n) => api(`/datadir/assets/${encodeURIComponent(id)}/versions/${n}`)));
    const versionRows = versions
      .map(
        (x) =>
          `<tr><td>${esc(x.version)}</td><td>${link("block/" + x.height, x.height)}</td><td>${jing.time(x.timeMillis)}</td>` +
          `<td>${esc(x.size)}</td><td><code>${esc(x.digest.algorithm + ":" + x.digest.value)}</code></td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="data-id">${esc(a.id)}</h2>
      <dl class="kv">
        <dt>title</dt><dd>${esc(a.title)}</dd>
        <dt>owner</dt><dd>${link("did/" + encodeURIComponent(a.owner), a.owner)}</dd>
        <dt>sector · policy · status</dt><dd>${esc(a.sector)} · ${esc(a.policy.kind)} · <span id="data-status">${esc(a.status)}</span></dd>
        <dt>latest version</dt><dd class="hash">${esc(v.version || "–")} · ${v.digest ? esc(v.digest.algorithm + ":" + v.digest.value) : ""} · ${esc(v.size || 0)} bytes</dd>
        <dt>tags</dt><dd>${a.tags.map(esc).join(", ")}</dd>
      </dl></section>
      <section><h2>Versions</h2><p class="muted">${esc(a.versions)} version${a.versions === 1 ? "" : "s"}${a.versions > 10 ? ", the newest 10 shown" : ""}</p><table id="data-versions"><thead><tr><th>#</th><th>block</th><th>time</th><th>bytes</th><th>digest</th></tr></thead><tbody>${versionRows}</tbody></table></section>
      <section><h2>Audit trail</h2><p class="muted" id="data-audit-count">${esc(size)} entr${size === 1 ? "y" : "ies"}${size > 50 ? ", the newest 50 shown" : ""}: requests, grants, refusals, revocations, consents and accesses, as the chain recorded them</p>
        ${auditRows ? `<table id="data-audit"><thead><tr><th>#</th><th>time</th><th>event</th><th>actor</th><th>detail</th><th>transaction</th></tr></thead><tbody>${auditRows}</tbody></table>` : ""}</section>
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
  jing.page("data", dataView);
  jing.page("catalogue", catalogueView);
  jing.search((q) => (q.startsWith("data:") ? "#/data/" + encodeURIComponent(q.slice(5)) : null));
  jing.search((q) => "#/catalogue/" + encodeURIComponent(q), { last: true }); // words
})();
