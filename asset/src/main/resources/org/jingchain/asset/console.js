// The asset service's console view: an account's balances and a collectible's page (nft:<id>).
"use strict";
(() => {
  const { api, esc, link } = window.jing;
  jing.service("asset");
  jing.accountPanel(async (address) => {
    const b = await api(`/accounts/${encodeURIComponent(address)}/balances`);
    // amounts count the token's smallest unit; show them in whole tokens too, by its decimals
    const tokens = await Promise.all(b.balances.map((x) => api("/assets/" + encodeURIComponent(x.symbol)).catch(() => null)));
    const whole = (amount, t) => {
      if (!t || !t.decimals) return String(amount);
      const s = String(amount).padStart(t.decimals + 1, "0");
      return s.slice(0, -t.decimals) + "." + s.slice(-t.decimals);
    };
    const rows = b.balances
      .map((x, i) => `<tr><td>${esc(x.symbol)}</td><td>${esc(whole(x.amount, tokens[i]))}</td><td class="muted">${esc(x.amount)}</td></tr>`)
      .join("");
    return `<section><h2>Balances</h2>${rows ? `<table id="balances"><thead><tr><th>token</th><th>amount</th><th>in its smallest unit</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">none</p>'}</section>`;
  });
  jing.page("nft", async (id) => {
    const n = await api("/nfts/" + encodeURIComponent(id));
    jing.$("#view").innerHTML = `<section><h2>Collectible ${esc(id)}</h2><dl class="kv">
      <dt>owner</dt><dd>${link("account/" + n.owner, n.owner)}</dd><dt>creator</dt><dd>${link("account/" + n.creator, n.creator)}</dd>
      <dt>metadata digest</dt><dd><code>${esc(n.digest)}</code></dd></dl></section>`;
  });
  jing.search((q) => (q.startsWith("nft:") ? "#/nft/" + encodeURIComponent(q.slice(4)) : null));
})();
