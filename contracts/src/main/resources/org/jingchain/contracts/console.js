// The contracts service's console view: a contract's page (contract:0x… or contract:ji…) with its
// code, and a storage slot read.
"use strict";
(() => {
  const { api, esc } = window.jing;
  jing.service("contracts");
  jing.page("contract", async (address) => {
    const a = await api("/evm/accounts/" + encodeURIComponent(address));
    const code = a.code.length > 402 ? a.code.slice(0, 402) + "…" : a.code;
    jing.$("#view").innerHTML = `<section><h2>Contract ${esc(a.address)}</h2><dl class="kv">
      <dt>account</dt><dd><code>${esc(a.account)}</code></dd><dt>nonce</dt><dd>${esc(a.nonce)}</dd>
      <dt>code</dt><dd>${esc(a.codeSize)} bytes, keccak256 <code>${esc(a.codeHash)}</code></dd>
      <dt>bytecode</dt><dd><code class="wrap" id="bytecode">${esc(code)}</code></dd>
      <dt>EVM chain id</dt><dd>${esc(a.evmChainId)}</dd></dl>
      <form id="slot-form"><label>storage slot <input id="slot" value="0x0" size="66"></label> <button>read</button></form>
      <p id="slot-value" class="muted"></p></section>`;
    jing.$("#slot-form").addEventListener("submit", async (e) => {
      e.preventDefault();
      const s = await api(`/evm/accounts/${encodeURIComponent(address)}/storage/${encodeURIComponent(jing.$("#slot").value)}`);
      jing.$("#slot-value").textContent = `${s.slot} = ${s.value} (state key ${s.stateKey})`;
    });
  });
  jing.search((q) => (q.startsWith("contract:") ? "#/contract/" + encodeURIComponent(q.slice(9)) : null));
})();
