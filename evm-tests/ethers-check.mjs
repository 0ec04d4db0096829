// Talks to a Jingchain node's Ethereum JSON-RPC (POST /api/v1/evm/rpc) with ethers.js, a client we
// did not write, the way a dapp would. Usage:
//   node ethers-check.mjs RPC_URL TOKEN_ADDRESS TOKEN_ABI_FILE HOLDER OTHER TX_HASH
// Prints "listening" once a Transfer listener is installed, then waits (at most 60 s) for one
// Transfer event to arrive, and prints one JSON object with what ethers saw.
import { readFileSync } from 'node:fs'
import { ethers } from 'ethers'

const [url, tokenAddress, abiFile, holder, other, txHash] = process.argv.slice(2)
const abi = JSON.parse(readFileSync(abiFile, 'utf8'))
const provider = new ethers.JsonRpcProvider(url, undefined, { pollingInterval: 250 })
const token = new ethers.Contract(tokenAddress, abi, provider)
const out = {}

const network = await provider.getNetwork()
out.chainId = network.chainId.toString()
out.blockNumber = await provider.getBlockNumber()
out.codeBytes = (ethers.getBytes(await provider.getCode(tokenAddress))).length
out.name = await token.name()
out.symbol = await token.symbol()
out.balance = (await token.balanceOf(holder)).toString()
out.estimate = (await token.transfer.estimateGas(other, 1n, { from: holder })).toString()
try {
  await token.transfer.staticCall(other, 10n ** 30n, { from: holder })
  out.revert = 'none'
} catch (e) {
  out.revert = e.revert ? `${e.revert.name}(${e.revert.args.map(String).join(',')})` : `${e.code}: ${e.shortMessage}`
}
const logs = await token.queryFilter(token.filters.Transfer(holder), 0, 'latest')
out.transfersFromHolder = logs.map((l) => l.args.value.toString())
const receipt = await provider.getTransactionReceipt(txHash)
out.receipt = { status: receipt.status, logs: receipt.logs.length, to: receipt.to, from: receipt.from, gasUsed: receipt.gasUsed.toString() }
const block = await provider.getBlock(receipt.blockNumber)
out.blockHashMatches = block.hash === receipt.blockHash
out.blockHasTx = block.transactions.includes(txHash)
const tx = await provider.getTransaction(txHash)
out.txFrom = tx.from
const parsed = token.interface.parseTransaction({ data: tx.data })
out.txFunction = parsed ? parsed.name : null
try {
  await provider.broadcastTransaction('0x02')
  out.sendRaw = 'accepted'
} catch (e) {
  out.sendRaw = 'refused'
}

const event = new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error('no Transfer event within 60 s')), 60000)
  token.on('Transfer', (from, to, value) => {
    clearTimeout(timer)
    resolve({ from, to, value: value.toString() })
  })
})
console.log('listening')
out.event = await event
await token.removeAllListeners()
provider.destroy()
console.log(JSON.stringify(out))
