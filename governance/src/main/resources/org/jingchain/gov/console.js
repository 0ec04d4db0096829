// The governance service's console view: the organisations, the proposals with their votes, and
// the validator-set epochs (gov), and one proposal (proposal:<id>).
"use strict";
(() => {
  const { api, esc, link } = window.jing;
  jing.service("governance");
  const statusClass = (s) => (s === "executed" ? "ok" : s === "open" ? "" : "bad");
  const votes = (p) => p.votes.map((v) => `${esc(v.org)} ${v.approve ? "✓" : "✗"}`).join(", ") || '<span class="muted">none yet</span>';
  const payload = (p) =>
    Object.entries(p.payload)
      .map(([k, v]) => `${esc(k)}=${esc(Array.isArray(v) ? v.join(",") : v)}`)
      .join(" ");
  const proposalRow = (p) =>
    `<tr><td>${link("proposal/" + p.id, p.id)}</td><td>${esc(p.kind)}</td><td class="${statusClass(p.status)}">${esc(p.status)}</td>` +
    `<td>${esc(p.proposer)}</td><td>${votes(p)}</td><td><code>${payload(p)}</code></td></tr>`;

  async function more(before) {
    const page = await api("/gov/proposals?limit=20" + (before ? "&before=" + before : ""));
    jing.$("#gov-proposals tbody").insertAdjacentHTML("beforeend", page.proposals.map(proposalRow).join(""));
    const button = jing.$("#gov-more");
    button.hidden = !page.next;
    button.onclick = () => more(page.next);
    if (!jing.$("#gov-proposals tbody").children.length) {
      jing.$("#gov-proposals tbody").innerHTML = '<tr><td colspan="6" class="muted">no proposals yet</td></tr>';
    }
  }

  jing.page("gov", async () => {
    const [orgs, epochs, status] = await Promise.all([api("/gov/orgs"), api("/epochs"), api("/status")]);
    const orgRows = orgs.orgs
      .map((o) => `<tr><td>${esc(o.id)}</td><td>${esc(o.name)}</td><td>${o.since === 0 ? "genesis" : link("block/" + o.since, o.since)}</td>` +
        `<td>${o.admins.map((a) => link("account/" + a, a)).join(" ")}</td></tr>`)
      .join("");
    const epochRows = epochs.epochs
      .map((e) => `<tr><td>${esc(e.epoch)}</td><td>${link("block/" + e.firstHeight, e.firstHeight)}</td><td>${e.validators.length}</td></tr>`)
      .join("");
    jing.$("#view").innerHTML = `
      <section><h2>Organisations</h2><table id="gov-orgs"><thead><tr><th>id</th><th>name</th><th>since</th><th>admins</th></tr></thead><tbody>${orgRows}</tbody></table></section>
      <section><h2>Proposals</h2><table id="gov-proposals"><thead><tr><th>#</th><th>kind</th><th>status</th><th>proposer</th><th>votes</th><th>payload</th></tr></thead><tbody></tbody></table>
        <p><button id="gov-more" hidden>older</button></p></section>
      <section><h2>Validator epochs</h2><p class="muted">Epoch 0 began at genesis with the genesis validators; each later epoch began after a validator change was executed. This node runs ${status.consensus.validators.length} validators now.</p>
        <table id="gov-epochs"><thead><tr><th>epoch</th><th>first block</th><th>validators</th></tr></thead><tbody>${epochRows || '<tr><td colspan="3" class="muted">no changes since genesis</td></tr>'}</tbody></table></section>`;
    await more(null);
  });

  jing.page("proposal", async (id) => {
    const p = await api("/gov/proposals/" + encodeURIComponent(id));
    const fields = Object.entries(p.payload)
      .map(([k, v]) => `<dt>${esc(k)}</dt><dd><code>${esc(Array.isArray(v) ? v.join(", ") : v)}</code></dd>`)
      .join("");
    jing.$("#view").innerHTML = `
      <section><h2>Proposal <span id="proposal-id">${esc(p.id)}</span>: ${esc(p.kind)}</h2><dl class="kv">
        <dt>status</dt><dd id="proposal-status" class="${statusClass(p.status)}">${esc(p.status)}</dd>
        <dt>proposed by</dt><dd>${esc(p.proposer)} at ${link("block/" + p.createdHeight, "block " + p.createdHeight)}</dd>
        <dt>expires</dt><dd>after block ${esc(p.expiresHeight)}</dd>
        <dt>rule</dt><dd>${esc(p.rule)}</dd>
        ${p.outcome ? `<dt>outcome</dt><dd>${esc(p.outcome)}</dd>` : ""}
        ${fields}</dl></section>
      <section><h2>Votes</h2><table id="proposal-votes"><thead><tr><th>organisation</th><th>vote</th></tr></thead><tbody>${
        p.votes.map((v) => `<tr><td>${esc(v.org)}</td><td class="${v.approve ? "ok" : "bad"}">${v.approve ? "approve" : "reject"}</td></tr>`).join("") ||
        '<tr><td colspan="2" class="muted">none yet</td></tr>'}</tbody></table></section>`;
  });

  jing.search((q) => (q === "gov" || q === "governance" ? "#/gov" : /^proposal:\d+$/.test(q) ? "#/proposal/" + q.slice(9) : null));
})();
