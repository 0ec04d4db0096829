// The console's own verifier: checks in the browser what the node claims about a block and a
// transaction, from the bytes the node serves and the genesis validators' keys, without trusting
// the node for anything else (docs/console.md, "Verified in your browser"). It decodes the canonical
// bytes of docs/spec/encoding.md and docs/spec/xchain.md 1.1, recomputes hashes, and checks quorum
// certificates and commit proofs as the light client does (docs/spec/light-client.md [LC-2],
// [LC-3]) for blocks of epoch 0; Merkle roots of transaction ids and receipts; a transaction's id
// and its sender's signature. Both suites: SHA-256 and Ed25519 through the browser's WebCrypto;
// SM3 and SM2 (GB/T 32905, GB/T 32918.2) written here with BigInt. No external code.
// Runs in browsers and in Node.js (console-tests/verify.test.mjs cross-checks it against the node).
(function (root) {
  "use strict";

  class VerifyError extends Error {
    constructor(code, message) {
      super(code + ": " + message);
      this.code = code;
    }
  }
  const fail = (code, message) => {
    throw new VerifyError(code, message);
  };

  // ---- bytes

  const fromHex = (h) => {
    if (typeof h !== "string" || h.length % 2 !== 0 || !/^[0-9a-f]*$/.test(h)) fail("MALFORMED", "not lower-case hex");
    const out = new Uint8Array(h.length / 2);
    for (let i = 0; i < out.length; i++) out[i] = parseInt(h.substr(i * 2, 2), 16);
    return out;
  };
  const toHex = (b) => Array.from(b, (x) => x.toString(16).padStart(2, "0")).join("");
  const concat = (...parts) => {
    const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    let at = 0;
    for (const p of parts) {
      out.set(p, at);
      at += p.length;
    }
    return out;
  };
  const equal = (a, b) => a.length === b.length && a.every((x, i) => x === b[i]);
  // a lone surrogate would be encoded as U+FFFD: two strings shown differently, hashed the same
  const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
  const utf8 = (s) => {
    if (typeof s !== "string" || LONE_SURROGATE.test(s)) fail("MALFORMED", "not a well-formed string");
    return new TextEncoder().encode(s);
  };

  /** Writes the primitives of docs/spec/encoding.md. */
  class Writer {
    constructor() {
      this.parts = [];
    }
    u8(v) {
      this.parts.push(Uint8Array.of(v));
      return this;
    }
    u32(v) {
      const b = new Uint8Array(4);
      new DataView(b.buffer).setUint32(0, v);
      this.parts.push(b);
      return this;
    }
    u64(v) {
      const b = new Uint8Array(8);
      new DataView(b.buffer).setBigUint64(0, BigInt(v));
      this.parts.push(b);
      return this;
    }
    raw(b) {
      this.parts.push(b);
      return this;
    }
    bytes(b) {
      return this.u32(b.length).raw(b);
    }
    string(s) {
      return this.bytes(utf8(s));
    }
    done() {
      return concat(...this.parts);
    }
  }

  /** Reads them, strictly: every read past the end and every trailing byte fails ([ENC-1], [ENC-2]). */
  class Reader {
    constructor(bytes) {
      this.b = bytes;
      this.at = 0;
    }
    take(n) {
      if (n > this.b.length - this.at) fail("MALFORMED", "input ends early");
      const out = this.b.subarray(this.at, this.at + n);
      this.at += n;
      return out;
    }
    u8() {
      return this.take(1)[0];
    }
    u32() {
      const t = this.take(4);
      return new DataView(t.buffer, t.byteOffset, 4).getUint32(0);
    }
    u64() {
      const t = this.take(8);
      const v = new DataView(t.buffer, t.byteOffset, 8).getBigUint64(0);
      if (v > BigInt(Number.MAX_SAFE_INTEGER)) fail("MALFORMED", "number too large");
      return Number(v);
    }
    bytes(max) {
      const n = this.u32();
      if (n > max) fail("MALFORMED", "length " + n + " above its limit " + max);
      return this.take(n);
    }
    string(max, min = 0) {
      const b = this.bytes(max);
      if (b.length < min) fail("MALFORMED", "string shorter than " + min + " bytes");
      return new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(b);
    }
    end() {
      if (this.at !== this.b.length) fail("MALFORMED", "trailing bytes");
    }
  }

  // ---- SM3 (GB/T 32905)

  const rotl = (x, n) => ((x << n) | (x >>> (32 - n))) >>> 0;
  const SM3_IV = [0x7380166f, 0x4914b2b9, 0x172442d7, 0xda8a0600, 0xa96f30bc, 0x163138aa, 0xe38dee4d, 0xb0fb0e4e];

  function sm3(msg) {
    const bitLen = BigInt(msg.length) * 8n;
    const padded = new Uint8Array((((msg.length + 9 + 63) >> 6) << 6));
    padded.set(msg);
    padded[msg.length] = 0x80;
    new DataView(padded.buffer).setBigUint64(padded.length - 8, bitLen);
    const v = SM3_IV.slice();
    const w = new Uint32Array(68);
    const w1 = new Uint32Array(64);
    const dv = new DataView(padded.buffer);
    for (let off = 0; off < padded.length; off += 64) {
      for (let j = 0; j < 16; j++) w[j] = dv.getUint32(off + 4 * j);
      for (let j = 16; j < 68; j++) {
        const x = w[j - 16] ^ w[j - 9] ^ rotl(w[j - 3], 15);
        w[j] = (x ^ rotl(x, 15) ^ rotl(x, 23) ^ rotl(w[j - 13], 7) ^ w[j - 6]) >>> 0;
      }
      for (let j = 0; j < 64; j++) w1[j] = (w[j] ^ w[j + 4]) >>> 0;
      let [a, b, c, d, e, f, g, h] = v;
      for (let j = 0; j < 64; j++) {
        const t = j < 16 ? 0x79cc4519 : 0x7a879d8a;
        const ss1 = rotl((rotl(a, 12) + e + rotl(t, j % 32)) >>> 0, 7);
        const ss2 = (ss1 ^ rotl(a, 12)) >>> 0;
        const ff = j < 16 ? a ^ b ^ c : (a & b) | (a & c) | (b & c);
        const gg = j < 16 ? e ^ f ^ g : (e & f) | (~e & g);
        const tt1 = (ff + d + ss2 + w1[j]) >>> 0;
        const tt2 = (gg + h + ss1 + w[j]) >>> 0;
        d = c;
        c = rotl(b, 9);
        b = a;
        a = tt1;
        h = g;
        g = rotl(f, 19);
        f = e;
        e = (tt2 ^ rotl(tt2, 9) ^ rotl(tt2, 17)) >>> 0;
      }
      [a, b, c, d, e, f, g, h].forEach((x, i) => (v[i] = (v[i] ^ x) >>> 0));
    }
    const out = new Uint8Array(32);
    v.forEach((x, i) => new DataView(out.buffer).setUint32(4 * i, x));
    return out;
  }

  // ---- SM2 signatures (GB/T 32918.2) on sm2p256v1, the default user id, r || s

  const P = 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn;
  const A = P - 3n;
  const B = 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n;
  const N = 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n;
  const G = {
    x: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
    y: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  };
  const mod = (x, m = P) => ((x % m) + m) % m;
  const pow = (b, e, m = P) => {
    let r = 1n;
    b = mod(b, m);
    for (; e > 0n; e >>= 1n) {
      if (e & 1n) r = (r * b) % m;
      b = (b * b) % m;
    }
    return r;
  };
  const inv = (x) => pow(x, P - 2n);
  const big = (bytes) => (bytes.length ? BigInt("0x" + toHex(bytes)) : 0n);
  const be32 = (x) => fromHex(x.toString(16).padStart(64, "0"));

  // Jacobian points {x, y, z}; z = 0n is the point at infinity
  const INF = { x: 1n, y: 1n, z: 0n };
  function double(p) {
    if (p.z === 0n || p.y === 0n) return INF;
    const y2 = (p.y * p.y) % P;
    const s = (4n * p.x * y2) % P;
    const z2 = (p.z * p.z) % P;
    const m = mod(3n * p.x * p.x + A * z2 * z2);
    const x = mod(m * m - 2n * s);
    return { x, y: mod(m * (s - x) - 8n * y2 * y2), z: (2n * p.y * p.z) % P };
  }
  function add(p, q) {
    if (p.z === 0n) return q;
    if (q.z === 0n) return p;
    const pz2 = (p.z * p.z) % P;
    const qz2 = (q.z * q.z) % P;
    const u1 = (p.x * qz2) % P;
    const u2 = (q.x * pz2) % P;
    const s1 = (p.y * qz2 * q.z) % P;
    const s2 = (q.y * pz2 * p.z) % P;
    if (u1 === u2) return s1 === s2 ? double(p) : INF;
    const h = mod(u2 - u1);
    const r = mod(s2 - s1);
    const h2 = (h * h) % P;
    const h3 = (h2 * h) % P;
    const x = mod(r * r - h3 - 2n * u1 * h2);
    return { x, y: mod(r * (u1 * h2 - x) - s1 * h3), z: (h * p.z * q.z) % P };
  }
  /** k1·p1 + k2·p2 (Shamir's trick), affine inputs. */
  function mul2(k1, p1, k2, p2) {
    const a = { x: p1.x, y: p1.y, z: 1n };
    const b = { x: p2.x, y: p2.y, z: 1n };
    const ab = add(a, b);
    let r = INF;
    for (let i = BigInt(Math.max(k1.toString(2).length, k2.toString(2).length)) - 1n; i >= 0n; i--) {
      r = double(r);
      const bit1 = (k1 >> i) & 1n;
      const bit2 = (k2 >> i) & 1n;
      if (bit1 && bit2) r = add(r, ab);
      else if (bit1) r = add(r, a);
      else if (bit2) r = add(r, b);
    }
    if (r.z === 0n) return null;
    const zi = inv(r.z);
    return { x: (r.x * zi * zi) % P, y: (r.y * zi * zi * zi) % P };
  }
  /** A compressed point (02/03 || x), checked to lie on the curve. */
  function decompress(key) {
    if (key.length !== 33 || (key[0] !== 2 && key[0] !== 3)) fail("BAD_KEY", "an SM2 key is 33 bytes, compressed");
    const x = big(key.subarray(1));
    if (x >= P) fail("BAD_KEY", "x is not a field element");
    const rhs = mod(x * x * x + A * x + B);
    let y = pow(rhs, (P + 1n) / 4n);
    if ((y * y) % P !== rhs) fail("BAD_KEY", "not a point of the curve");
    if (Number(y & 1n) !== (key[0] & 1)) y = P - y;
    return { x, y };
  }
  const SM2_ID = utf8("1234567812345678");
  function sm2Verify(key, msg, sig) {
    if (sig.length !== 64) return false;
    const q = decompress(key);
    const r = big(sig.subarray(0, 32));
    const s = big(sig.subarray(32));
    if (r < 1n || r >= N || s < 1n || s >= N) return false;
    const z = sm3(concat(Uint8Array.of(0, SM2_ID.length * 8), SM2_ID, be32(A), be32(B), be32(G.x), be32(G.y), be32(q.x), be32(q.y)));
    const e = big(sm3(concat(z, msg)));
    const t = (r + s) % N;
    if (t === 0n) return false;
    const pt = mul2(s, G, t, q);
    return pt !== null && (e + pt.x) % N === r;
  }

  // ---- the suites

  const subtle = () => {
    if (!root.crypto || !root.crypto.subtle) fail("NO_WEBCRYPTO", "this page has no WebCrypto (open the console over https or on localhost)");
    return root.crypto.subtle;
  };
  const SUITES = {
    intl: {
      tag: 1,
      keyLength: 32,
      hash: async (b) => new Uint8Array(await subtle().digest("SHA-256", b)),
      verify: async (key, msg, sig) => {
        if (key.length !== 32 || sig.length !== 64) return false;
        let k;
        try {
          k = await subtle().importKey("raw", key, { name: "Ed25519" }, false, ["verify"]);
        } catch (e) {
          if (e && e.name === "NotSupportedError") fail("NO_WEBCRYPTO", "this browser's WebCrypto has no Ed25519");
          return false; // a key WebCrypto refuses is not a validator's
        }
        return subtle().verify({ name: "Ed25519" }, k, sig, msg);
      },
    },
    sm: {
      tag: 2,
      keyLength: 33,
      hash: async (b) => sm3(b),
      verify: async (key, msg, sig) => sm2Verify(key, msg, sig),
    },
  };
  const suiteOf = (name) => SUITES[name] || fail("UNKNOWN_SUITE", "suite " + name);

  // ---- records (docs/spec/encoding.md, docs/spec/xchain.md 1.1)

  function decodeHeader(bytes, suite) {
    const r = new Reader(bytes);
    if (r.u8() !== 0x02) fail("MALFORMED", "not a block header");
    const h = { chainId: r.string(64, 1), height: r.u64(), round: r.u64(), parentHash: toHex(r.take(32)), timestampMillis: r.u64() };
    if (r.u8() !== suite.tag) fail("MALFORMED", "proposer of another suite");
    h.proposer = toHex(r.take(20));
    h.txRoot = toHex(r.take(32));
    h.txCount = r.u32();
    h.stateRoot = toHex(r.take(32));
    h.resultsRoot = toHex(r.take(32));
    r.end();
    return h;
  }
  function readQc(r) {
    const qc = { chainId: r.string(64, 1), round: r.u64(), height: r.u64(), blockHash: toHex(r.take(32)), signatures: [] };
    const n = r.u32();
    if (n > 1000) fail("MALFORMED", n + " signatures");
    for (let i = 0; i < n; i++) {
      const index = r.u32();
      if (index > 999) fail("MALFORMED", "validator index " + index);
      qc.signatures.push({ index, signature: r.bytes(128) });
    }
    return qc;
  }
  function decodeQc(bytes) {
    const r = new Reader(bytes);
    const qc = readQc(r);
    r.end();
    return qc;
  }
  function decodeCommitProof(bytes) {
    const r = new Reader(bytes);
    const child = r.bytes(4096);
    const qc = readQc(r);
    const above = [];
    if (r.at < bytes.length) {
      const k = r.u32();
      if (k < 1 || k > 1024) fail("MALFORMED", k + " headers above");
      for (let i = 0; i < k; i++) above.push(r.bytes(4096));
    }
    r.end();
    return { child, qc, above };
  }
  const voteBytes = (qc) => new Writer().u8(0x20).string(qc.chainId).u64(qc.round).u64(qc.height).raw(fromHex(qc.blockHash)).done();

  /** Merkle root of docs/spec/encoding.md: leaves H(0x00 || item), nodes H(0x01 || l || r), odd carried up. */
  async function merkleRoot(suite, items) {
    if (items.length === 0) return new Uint8Array(32);
    let level = await Promise.all(items.map((x) => suite.hash(concat(Uint8Array.of(0), x))));
    while (level.length > 1) {
      const next = [];
      for (let i = 0; i < level.length; i += 2) {
        next.push(i + 1 < level.length ? await suite.hash(concat(Uint8Array.of(1), level[i], level[i + 1])) : level[i]);
      }
      level = next;
    }
    return level[0];
  }

  // ---- the trust root: the genesis validators

  /** {suite, chainId, keys: [Uint8Array], quorum} from the genesis view ({chainId, suite, validators}). */
  function trustRoot(genesis) {
    const suite = suiteOf(genesis.suite);
    const keys = genesis.validators.map((v) => {
      const [label, h] = v.split(":");
      if (label !== genesis.suite) fail("BAD_KEY", "validator key of another suite: " + v);
      const k = fromHex(h);
      if (k.length !== suite.keyLength) fail("BAD_KEY", "validator key of " + k.length + " bytes");
      return k;
    });
    const n = keys.length;
    if (n === 0) fail("BAD_KEY", "no validators");
    return { suite, suiteName: genesis.suite, chainId: genesis.chainId, keys, n, quorum: n - Math.floor((n - 1) / 3) };
  }

  /** [LC-2]: the QC certifies exactly this header, signed by a quorum of the trusted validators. */
  async function checkCertified(t, headerBytes, header, qc) {
    if (header.chainId !== t.chainId || qc.chainId !== t.chainId) fail("WRONG_CHAIN", "chain " + qc.chainId);
    if (qc.height !== header.height) fail("HEIGHT_MISMATCH", "QC of height " + qc.height);
    if (qc.round !== header.round) fail("ROUND_MISMATCH", "QC of round " + qc.round);
    if (qc.blockHash !== toHex(await t.suite.hash(headerBytes))) fail("HASH_MISMATCH", "the QC names another block");
    let last = -1;
    for (const s of qc.signatures) {
      if (s.index >= t.n) fail("UNKNOWN_SIGNER", "validator " + s.index);
      if (s.index === last) fail("DUPLICATE_SIGNER", "validator " + s.index);
      if (s.index < last) fail("UNORDERED_SIGNERS", "validator " + s.index);
      last = s.index;
    }
    if (qc.signatures.length < t.quorum) fail("BELOW_QUORUM", qc.signatures.length + " of " + t.quorum + " needed");
    const msg = voteBytes(qc);
    for (const s of qc.signatures) {
      if (!(await t.suite.verify(t.keys[s.index], msg, s.signature))) fail("BAD_SIGNATURE", "validator " + s.index);
    }
    return qc.signatures.map((s) => s.index);
  }

  /** [LC-3]: a commit proof commits the header (two-chain rule); the child header, decoded. */
  async function checkCommitted(t, headerBytes, header, proofBytes) {
    const p = decodeCommitProof(proofBytes);
    const chain = [headerBytes, p.child, ...p.above];
    const headers = chain.map((b) => decodeHeader(b, t.suite));
    for (const h of headers) if (h.chainId !== t.chainId) fail("WRONG_CHAIN", "chain " + h.chainId);
    for (let i = 1; i < chain.length; i++) {
      if (headers[i].parentHash !== toHex(await t.suite.hash(chain[i - 1])) || headers[i].height !== headers[i - 1].height + 1) {
        fail("NOT_A_CHILD", "header " + headers[i].height + " does not extend " + headers[i - 1].height);
      }
    }
    const x = headers[headers.length - 1];
    const parent = headers[headers.length - 2];
    if (x.round !== parent.round + 1) fail("NOT_CONSECUTIVE", "round " + x.round + " after " + parent.round);
    const signers = await checkCertified(t, chain[chain.length - 1], x, p.qc);
    return { signers, child: headers[1] };
  }

  /**
   * Verifies that block `height` is committed: its certificate's commit proof, or, when it was
   * committed as the ancestor of a later block, the first later one with a proof (up to 16 above)
   * and the parent links down to it. fetchCertificate(h) returns the node's certificate view.
   * Returns {header, headerBytes, signers, n, quorum, child (the next header, when known)}.
   */
  async function verifyCommittedBlock(t, height, fetchCertificate) {
    const links = [];
    for (let h = height; h <= height + 16; h++) {
      const c = await fetchCertificate(h);
      if (!c) break;
      const bytes = fromHex(c.header);
      const header = decodeHeader(bytes, t.suite);
      if (header.height !== h) fail("HEIGHT_MISMATCH", "asked for " + h + ", got " + header.height);
      links.push({ bytes, header });
      if (c.commitProof) {
        const done = await checkCommitted(t, bytes, header, fromHex(c.commitProof));
        for (let i = links.length - 1; i > 0; i--) {
          if (links[i].header.parentHash !== toHex(await t.suite.hash(links[i - 1].bytes))) fail("NOT_A_CHILD", "block " + links[i].header.height);
        }
        return {
          header: links[0].header,
          headerBytes: links[0].bytes,
          committedBy: h,
          signers: done.signers,
          n: t.n,
          quorum: t.quorum,
          child: links.length > 1 ? links[1].header : done.child,
        };
      }
    }
    fail("NOT_COMMITTED", "no commit proof for block " + height + " yet");
  }

  /** Canonical TxBody of the API's transaction view; its id is H(TxBody). */
  function txBody(t, tx) {
    const [label, key] = tx.senderKey.includes(":") ? tx.senderKey.split(":") : [t.suiteName, tx.senderKey];
    return new Writer()
      .u8(0x01)
      .string(tx.chainId)
      .u8(suiteOf(label).tag)
      .raw(fromHex(key))
      .u64(tx.nonce)
      .u64(tx.expiresAtMillis)
      .string(tx.contract)
      .string(tx.method)
      .bytes(fromHex(tx.args))
      .done();
  }
  function receiptBytes(r) {
    if (r.status !== "success" && r.status !== "failed") fail("MALFORMED", "receipt status " + r.status);
    const w = new Writer()
      .u8(0x03)
      .raw(fromHex(r.txHash))
      .u8(r.status === "success" ? 0 : 1)
      .string(r.code || "")
      .string(r.message || "")
      .u32(r.events.length);
    for (const e of r.events) {
      // JSON objects put integer-like keys first: their order cannot be known here
      if (Object.keys(e.attributes).some((k) => /^(0|[1-9]\d*)$/.test(k))) fail("UNCHECKABLE", "an event attribute named by a number");
      const attrs = Object.entries(e.attributes);
      w.string(e.contract).string(e.type).u32(attrs.length);
      for (const [k, v] of attrs) w.string(k).string(v);
    }
    return w.done();
  }

  /**
   * Verifies a block view (GET /blocks/{h}) against the trust root: committed, every transaction
   * shown is the block's (txRoot), and every receipt shown is the block's (the child's resultsRoot).
   */
  async function verifyBlock(genesis, block, fetchCertificate) {
    const t = trustRoot(genesis);
    const c = await verifyCommittedBlock(t, block.header.height, fetchCertificate);
    if (toHex(await t.suite.hash(c.headerBytes)) !== block.header.hash) fail("HASH_MISMATCH", "the block shown is not the certified one");
    // every header field the page shows must be the certified header's
    const h = block.header;
    const prefix = t.suiteName === "intl" ? "ji" : "js";
    const shown = [h.height, h.round, h.parentHash, h.timestampMillis, h.proposer, h.txRoot, h.txCount, h.stateRoot, h.resultsRoot];
    const certified = [c.header.height, c.header.round, c.header.parentHash, c.header.timestampMillis, prefix + c.header.proposer, c.header.txRoot, c.header.txCount, c.header.stateRoot, c.header.resultsRoot];
    if (shown.some((x, i) => x !== certified[i])) fail("HEADER_MISMATCH", "the header shown is not the certified one");
    const ids = [];
    for (const tx of block.transactions) {
      const id = await t.suite.hash(txBody(t, tx));
      if (toHex(id) !== tx.hash) fail("TX_MISMATCH", "transaction " + tx.hash + " is not what its fields say");
      if (tx.chainId !== t.chainId) fail("WRONG_CHAIN", "transaction of chain " + tx.chainId);
      if ((await senderAddress(t, tx)) !== tx.sender) fail("SENDER_MISMATCH", "transaction " + tx.hash + " shows another sender than its key's");
      ids.push(id);
    }
    if (toHex(await merkleRoot(t.suite, ids)) !== c.header.txRoot || ids.length !== c.header.txCount) fail("TX_ROOT_MISMATCH", "the transactions shown are not the block's");
    let receipts = "unchecked";
    if (c.child) {
      const leaves = [];
      for (const r of block.receipts) leaves.push(await t.suite.hash(receiptBytes(r)));
      if (toHex(await merkleRoot(t.suite, leaves)) !== c.child.resultsRoot) fail("RESULTS_ROOT_MISMATCH", "the receipts shown are not the block's");
      receipts = "checked";
    }
    return { height: c.header.height, signers: c.signers, n: c.n, quorum: c.quorum, committedBy: c.committedBy, txs: ids.length, receipts };
  }

  const keyOf = (tx) => fromHex(tx.senderKey.includes(":") ? tx.senderKey.split(":")[1] : tx.senderKey);
  async function senderAddress(t, tx) {
    return (t.suiteName === "intl" ? "ji" : "js") + toHex((await t.suite.hash(keyOf(tx))).subarray(0, 20));
  }

  /** Verifies one transaction of a verified block: its index, its sender's address and signature. */
  async function verifyTransaction(genesis, block, index, fetchCertificate) {
    const b = await verifyBlock(genesis, block, fetchCertificate);
    const t = trustRoot(genesis);
    const tx = block.transactions[index];
    const body = txBody(t, tx);
    if (!(await t.suite.verify(keyOf(tx), body, fromHex(tx.signature)))) fail("BAD_SIGNATURE", "the sender's signature does not verify");
    return b;
  }

  root.jingVerify = { VerifyError, verifyBlock, verifyTransaction, trustRoot, sm3, sm2Verify, merkleRoot, fromHex, toHex, decodeHeader, decodeQc, decodeCommitProof };
})(globalThis);
