// The interpreter benchmark's reference side (bin/bench evm-interp): runs a contract's function on
// @ethereumjs/evm, warm, and reports its speed. Usage:
//   node interp-bench.mjs CODE_HEX CALLDATA_HEX ITERATIONS WARMUP
// CODE_HEX is the deployed (runtime) code. Prints one JSON line:
//   {"iterations", "seconds", "gasPerCall", "output"}
import { Hardfork, Mainnet, createCustomCommon } from '@ethereumjs/common'
import { createEVM } from '@ethereumjs/evm'
import { MerkleStateManager } from '@ethereumjs/statemanager'
import { Account, Address, bytesToHex, hexToBytes } from '@ethereumjs/util'

const [codeHex, dataHex, iterations, warmup] = process.argv.slice(2)
const common = createCustomCommon({ chainId: '1337' }, Mainnet, { hardfork: Hardfork.Cancun })
const sm = new MerkleStateManager({ common })
const contract = new Address(hexToBytes('0x' + '00'.repeat(19) + 'aa'))
const caller = new Address(hexToBytes('0x' + '00'.repeat(19) + 'ca'))
await sm.putAccount(contract, new Account(1n, 0n))
await sm.putCode(contract, hexToBytes(codeHex))
await sm.putAccount(caller, new Account(0n, 0n))
const evm = await createEVM({ common, stateManager: sm })
const data = hexToBytes(dataHex)

async function once() {
  const r = await evm.runCall({ caller, origin: caller, to: contract, data, gasLimit: 1_000_000_000n, skipBalance: true })
  if (r.execResult.exceptionError) throw new Error(String(r.execResult.exceptionError.error))
  return r
}

let last
for (let i = 0; i < Number(warmup); i++) last = await once()
const start = process.hrtime.bigint()
for (let i = 0; i < Number(iterations); i++) last = await once()
const seconds = Number(process.hrtime.bigint() - start) / 1e9
console.log(JSON.stringify({
  iterations: Number(iterations),
  seconds,
  gasPerCall: last.execResult.executionGasUsed.toString(),
  output: bytesToHex(last.execResult.returnValue),
}))
