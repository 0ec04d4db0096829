// The reference Reed-Solomon coder for the store module's tests: reed-solomon-erasure (Rust,
// compiled to WebAssembly; @digitaldefiance/reed-solomon-erasure.wasm, pinned in package.json).
//
//   node rs.mjs cases.json out.json
//
// cases.json: [{"k": 10, "m": 4, "len": 64, "data": "<hex of the k data shards, k*len bytes>",
//               "present": [true, false, ...]   (optional: k+m flags)}]
// out.json:   [{"shards": "<hex of all k+m shards after encoding>",
//               "reconstructed": "<hex of the k data shards rebuilt from the present ones>"}]
// (the wrapper hands back only the data shards of a reconstruction)
// A result code other than OK is an error naming the case.
import { readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ReedSolomonErasure } from '@digitaldefiance/reed-solomon-erasure.wasm';

// fromBytes: the package's own ESM loader looks for __dirname, which ES modules lack.
const wasm = join(dirname(fileURLToPath(import.meta.url)),
  'node_modules/@digitaldefiance/reed-solomon-erasure.wasm/dist/reed_solomon_erasure_bg.wasm');
const wasmBytes = readFileSync(wasm);
const cases = JSON.parse(readFileSync(process.argv[2], 'utf8'));
const out = cases.map((c, i) => {
  // A fresh instance per case: the wrapper's cached view of wasm memory goes stale when the
  // memory grows, so one instance reused across cases of growing sizes reads garbage.
  const rs = ReedSolomonErasure.fromBytes(wasmBytes);
  const n = c.k + c.m;
  const shards = new Uint8Array(n * c.len);
  shards.set(Buffer.from(c.data, 'hex'));
  let r = rs.encode(shards, c.k, c.m);
  if (r !== ReedSolomonErasure.RESULT_OK) throw new Error(`case ${i}: encode returned ${r}`);
  const result = { shards: Buffer.from(shards).toString('hex') };
  if (c.present) {
    const damaged = new Uint8Array(shards);
    c.present.forEach((p, s) => { if (!p) damaged.fill(0, s * c.len, (s + 1) * c.len); });
    r = rs.reconstruct(damaged, c.k, c.m, c.present);
    if (r !== ReedSolomonErasure.RESULT_OK) throw new Error(`case ${i}: reconstruct returned ${r}`);
    result.reconstructed = Buffer.from(damaged.subarray(0, c.k * c.len)).toString('hex');
  }
  return result;
});
writeFileSync(process.argv[3], JSON.stringify(out));
