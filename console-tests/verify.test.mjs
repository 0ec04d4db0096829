// Cross-checks the console's in-browser verifier (served by the node at /console/verify.js) against
// a real node: what the node's Java code signed, hashed and encoded must verify here, and every
// tampered copy must be refused with its code. Run by ConsoleVerifierIT, for each suite.
// usage: node verify.test.mjs <baseUrl> <height> ... (blocks with transactions: among them a failed
// receipt and an event with an amount)
import vm from "node:vm";

const [base, ...heightArgs] = process.argv.slice(2);
const heights = [...new Set(heightArgs.map(Number))];
const get = async (path) => {
  const r = await fetch(base + path);
  if (!r.ok) throw new Error(path + ": HTTP " + r.status);
  return r.json();
};
vm.runInThisContext(await (await fetch(base + "/console/verify.js")).text());
const v = globalThis.jingVerify;
const clone = (x) => JSON.parse(JSON.stringify(x));
let passed = 0;
const ok = (name) => {
  passed++;
  console.log("ok   " + name);
};
const bad = (name, e) => {
  console.log("FAIL " + name + ": " + (e && e.message ? e.message : e));
  process.exit(1);
};
const refused = async (name, code, run) => {
  try {
    await run();
  } catch (e) {
    if (e instanceof v.VerifyError && e.code === code) return ok(name + " is refused: " + code);
    return bad(name, "expected " + code + ", got " + e.message);
  }
  bad(name, "expected " + code + ", but it verified");
};

const genesis = await get("/api/v1/genesis");
const blocks = await Promise.all(heights.map((h) => get("/api/v1/blocks/" + h)));
const block = blocks[0];
const height = heights[0];
const withFailed = blocks.find((b) => b.receipts.some((r) => r.status === "failed"));
const withAmount = blocks.find((b) => b.receipts.some((r) => r.events.some((e) => "amount" in e.attributes)));
if (!withFailed || !withAmount) bad("the blocks given", "need a failed receipt and an event with an amount");
const certs = new Map();
const certificate = async (h) => {
  if (!certs.has(h)) {
    const r = await fetch(base + "/api/v1/blocks/" + h + "/certificate");
    certs.set(h, r.ok ? await r.json() : null);
  }
  return clone(certs.get(h));
};

if (v.toHex(v.sm3(new TextEncoder().encode("abc"))) !== "66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0") bad("SM3 of 'abc' (GB/T 32905 A.1)");
ok("SM3 gives the standard's example digest");

for (const b of blocks) {
  try {
    const r = await v.verifyBlock(genesis, b, certificate);
    if (r.height !== b.header.height || r.txs !== b.transactions.length || r.receipts !== "checked") throw new Error(JSON.stringify(r));
    if (r.signers.length < r.quorum) throw new Error("below quorum: " + JSON.stringify(r));
    ok(`block ${r.height} verifies: committed, ${r.signers.length} of ${r.n} signatures, ${r.txs} transactions and their receipts`);
    for (let i = 0; i < b.transactions.length; i++) await v.verifyTransaction(genesis, b, i, certificate);
    ok(`each of its ${b.transactions.length} transactions verifies with its sender's ${genesis.suite} signature`);
  } catch (e) {
    bad("the node's own block " + b.header.height, e);
  }
}

await refused("a transaction whose arguments were changed", "TX_MISMATCH", () => {
  const b = clone(block);
  b.transactions[0].args = b.transactions[0].args.replace(/.$/, (c) => (c === "0" ? "1" : "0"));
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a block whose time was changed", "HEADER_MISMATCH", () => {
  const b = clone(block);
  b.header.timestampMillis += 1000;
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a block whose proposer was changed", "HEADER_MISMATCH", () => {
  const b = clone(block);
  b.header.proposer = b.transactions[0].sender;
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a transaction shown with another sender", "SENDER_MISMATCH", () => {
  const b = clone(block);
  b.transactions[0].sender = b.header.proposer;
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a receipt status that is neither success nor failed", "MALFORMED", () => {
  const b = clone(withFailed);
  b.receipts.find((x) => x.status === "failed").status = "success\u200b";
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a block with a transaction left out", "TX_ROOT_MISMATCH", () => {
  const b = clone(block);
  b.transactions.pop();
  b.receipts.pop();
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a failed receipt shown as a success", "RESULTS_ROOT_MISMATCH", () => {
  const b = clone(withFailed);
  const r = b.receipts.find((x) => x.status === "failed");
  r.status = "success";
  r.code = "";
  r.message = "";
  return v.verifyBlock(genesis, b, certificate);
});
await refused("an event's amount changed", "RESULTS_ROOT_MISMATCH", () => {
  const b = clone(withAmount);
  const e = b.receipts.flatMap((r) => r.events).find((x) => "amount" in x.attributes);
  e.attributes.amount = String(Number(e.attributes.amount) + 1);
  return v.verifyBlock(genesis, b, certificate);
});
await refused("a transaction signed by someone else", "BAD_SIGNATURE", () => {
  const b = clone(block);
  const s = b.transactions[0].signature;
  b.transactions[0].signature = (s[0] === "0" ? "1" : "0") + s.slice(1);
  return v.verifyTransaction(genesis, b, 0, certificate);
});
await refused("a certificate whose signature was altered", "BAD_SIGNATURE", () =>
  v.verifyBlock(genesis, block, async (h) => {
    const c = await certificate(h);
    if (c && c.commitProof) c.commitProof = c.commitProof.replace(/..$/, (x) => (x === "00" ? "01" : "00"));
    return c;
  }));
await refused("a certificate without its signatures", "BELOW_QUORUM", () =>
  v.verifyBlock(genesis, block, async (h) => {
    const c = await certificate(h);
    if (c && c.commitProof) {
      // a direct proof: bytes child, then the QC; keep the QC's vote data and write n = 0
      const p = v.decodeCommitProof(v.fromHex(c.commitProof));
      if (p.above.length) throw new Error("expected a direct commit proof");
      const qcStart = 4 + p.child.length;
      const voteLen = 4 + new TextEncoder().encode(p.qc.chainId).length + 8 + 8 + 32;
      c.commitProof = c.commitProof.slice(0, (qcStart + voteLen) * 2) + "00000000";
    }
    return c;
  }));
await refused("a header whose state root was changed", "NOT_A_CHILD", () =>
  v.verifyBlock(genesis, block, async (h) => {
    const c = await certificate(h);
    if (h === height) c.header = c.header.slice(0, -128) + "00".repeat(32) + c.header.slice(-64);
    return c;
  }));
await refused("validators other than the genesis ones", "BAD_SIGNATURE", () => {
  const g = clone(genesis);
  g.validators = g.validators.map((k) => {
    const [suite, hex] = k.split(":");
    return suite + ":" + hex.slice(0, -2) + (hex.endsWith("00") ? "01" : "00");
  });
  return v.verifyBlock(g, block, certificate).catch((e) => {
    // a changed SM2 key may not be a point of the curve at all
    if (e.code === "BAD_KEY") throw new v.VerifyError("BAD_SIGNATURE", "key is not a point");
    throw e;
  });
});
await refused("another chain's genesis", "WRONG_CHAIN", () => {
  const g = clone(genesis);
  g.chainId = "other";
  return v.verifyBlock(g, block, certificate);
});
await refused("a block with no certificate yet", "NOT_COMMITTED", () => v.verifyBlock(genesis, block, async () => null));
console.log(`all ${passed} verifier checks passed`);
