// The identity service's console view: a DID's document and status (did:jing:…).
"use strict";
(() => {
  const { esc, $ } = window.jing;
  jing.service("identity");
  async function didView(did) {
    const r = await fetch("/api/v1/dids/" + encodeURIComponent(did), { headers: jing.auth.headers() }).then((x) => x.json());
    const err = r.didResolutionMetadata && r.didResolutionMetadata.error;
    const m = r.didDocumentMetadata || {};
    const doc = r.didDocument;
    const keys = doc
      ? doc.verificationMethod.map((v) => `<tr><td><code>${esc(v.id.split("#")[1])}</code></td><td>${esc(v.publicKeyJwk.kty)} ${esc(v.publicKeyJwk.crv)}</td></tr>`).join("")
      : "";
    const services = doc ? doc.service.map((s) => `<li><code>${esc(s.type)}</code> ${esc(s.serviceEndpoint)}</li>`).join("") : "";
    $("#view").innerHTML = `
      <section><h2>DID</h2><dl class="kv">
        <dt>id</dt><dd><code id="did-id">${esc(did)}</code></dd>
        <dt>status</dt><dd id="did-status" class="${err ? "bad" : "ok"}">${err ? esc(err) : "active"}</dd>
        ${m.versionId ? `<dt>version</dt><dd>${esc(m.versionId)}</dd><dt>created</dt><dd>${esc(m.created)}</dd><dt>updated</dt><dd>${esc(m.updated)}</dd>` : ""}
      </dl></section>
      ${keys ? `<section><h2>Keys</h2><table><thead><tr><th>id</th><th>type</th></tr></thead><tbody>${keys}</tbody></table></section>` : ""}
      ${services ? `<section><h2>Services</h2><ul>${services}</ul></section>` : ""}
      ${doc ? `<section><h2>Document</h2><pre>${esc(JSON.stringify(doc, null, 2))}</pre></section>` : ""}`;
  }
  jing.page("did", didView);
  jing.search((q) => (q.startsWith("did:") ? "#/did/" + encodeURIComponent(q) : null));
})();
