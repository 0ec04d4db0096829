// The ctoken service's console view: a confidential token's public facts and its transfers
// (#/ctoken/<SYMBOL>). Amounts and balances are ciphertexts; the console shows that they are
// hidden, and who sent to whom.
"use strict";
(() => {
  const { api, esc, $ } = window.jing;
  jing.service("ctoken");

  async function tokenView(symbol) {
    const [t, page] = await Promise.all([
      api("/ctoken/tokens/" + encodeURIComponent(symbol)),
      api("/ctoken/tokens/" + encodeURIComponent(symbol) + "/transfers?limit=100"),
    ]);
    const rows = page.items
      .map(
        (x) =>
          `<tr><td>${x.seq}</td><td class="mono">${esc(x.from)}</td><td class="mono">${esc(x.to)}</td>` +
          `<td class="muted">hidden (${esc(x.amount.slice(0, 12))}…)</td><td>${x.height}</td></tr>`
      )
      .join("");
    $("#view").innerHTML = `<section><h2 id="ctoken-symbol">${esc(t.symbol)}</h2><dl class="kv">
      <dt>issuer</dt><dd class="mono">${esc(t.issuer)}</dd><dt>auditor</dt><dd class="mono">${esc(t.auditor)}</dd>
      <dt>supply</dt><dd id="ctoken-supply">${t.supply} units (${t.decimals} decimals)</dd>
      <dt>transfers</dt><dd id="ctoken-count">${t.transfers}; amounts and balances are encrypted: only the parties and the auditor open them</dd></dl></section>
      <section><h2>Transfers</h2>${rows ? `<table id="ctoken-transfers"><thead><tr><th>#</th><th>from</th><th>to</th><th>amount</th><th>height</th></tr></thead><tbody>${rows}</tbody></table>` : '<p class="muted">none yet</p>'}</section>`;
  }

  jing.page("ctoken", tokenView);
  jing.search((q) => (q.startsWith("ctoken:") ? "#/ctoken/" + encodeURIComponent(q.slice(7)) : null));
})();
