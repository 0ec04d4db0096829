// Compiles Solidity with solc-js (the solc version pinned in package.json; the compiler is the
// bundled soljson.js, no network) and writes, for every contract defined in the given files
// (not in the files they import), OUTDIR/<ContractName>.abi (the ABI JSON array, as
// `solc --abi`) and OUTDIR/<ContractName>.bin (the creation bytecode as hex without 0x, as
// `solc --bin`; empty for an interface or abstract contract; unlinked library placeholders
// __$...$__ left in, as solc leaves them).
//
//   Usage: node compile.mjs OUTDIR file1.sol [file2.sol ...]
//
// Settings: optimizer enabled, runs 200; evmVersion "cancun"; everything else solc's default
// (so the CBOR metadata with its IPFS hash is appended to the bytecode, as `solc --bin` does).
//
// Source unit names are the files' paths relative to the current directory (absolute for a
// file outside it), as the solc command line names them with its default base path; the
// metadata hash at the end of the bytecode depends on them, the rest of the code does not.
// Imports: solc resolves a relative import ("./X.sol", "../X.sol") against the importing
// unit's name, i.e. the importing file's directory, and asks for the resulting unit name; a
// name is read as a path relative to the current directory (or absolute) if that file exists,
// else from this package's node_modules/ ("@openzeppelin/contracts/..."; OpenZeppelin's own
// relative imports come back as "@openzeppelin/contracts/..." names too).
//
// Prints the written files' paths, one a line, on stdout. Compiler warnings (and infos) go to
// stderr and the run goes on; any error (severity "error") goes to stderr and the exit status
// is 1, with nothing written. Exit status 2: bad usage.

import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path'
import { fileURLToPath } from 'node:url'
import solc from 'solc'

const HERE = dirname(fileURLToPath(import.meta.url))
const NODE_MODULES = join(HERE, 'node_modules')

function fail(message, status = 1) {
  process.stderr.write(message.endsWith('\n') ? message : message + '\n')
  process.exit(status)
}

// Source unit name of a file given on the command line: relative to the current directory with
// forward slashes, or absolute when the file is outside it.
function unitName(file) {
  const abs = resolve(file)
  const rel = relative(process.cwd(), abs)
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return abs.split(sep).join('/')
  return rel.split(sep).join('/')
}

// solc's import callback: gets the source unit name solc computed for an import.
function findImports(name) {
  const candidates = [resolve(name)] // relative to the current directory (or absolute)
  if (!isAbsolute(name)) candidates.push(join(NODE_MODULES, name)) // @openzeppelin/contracts/...
  for (const path of candidates) {
    if (existsSync(path)) {
      try {
        return { contents: readFileSync(path, 'utf8') }
      } catch (e) {
        return { error: `cannot read ${path}: ${e.message}` }
      }
    }
  }
  return { error: `file not found (looked in ${candidates.join(', ')})` }
}

const [outDir, ...files] = process.argv.slice(2)
if (!outDir || files.length === 0) fail('usage: node compile.mjs OUTDIR file1.sol [file2.sol ...]', 2)

const sources = {}
for (const file of files) {
  let content
  try {
    content = readFileSync(file, 'utf8')
  } catch (e) {
    fail(`cannot read ${file}: ${e.message}`)
  }
  sources[unitName(file)] = { content }
}

const units = Object.keys(sources)
const input = {
  language: 'Solidity',
  sources,
  settings: {
    optimizer: { enabled: true, runs: 200 },
    evmVersion: 'cancun',
    // Only the given files' contracts: imported ones are compiled for their types, not output.
    outputSelection: Object.fromEntries(units.map((u) => [u, { '*': ['abi', 'evm.bytecode.object'] }])),
  },
}

let output
try {
  output = JSON.parse(solc.compile(JSON.stringify(input), { import: findImports }))
} catch (e) {
  fail(`solc failed: ${e.message}`)
}

let errors = 0
for (const err of output.errors ?? []) {
  if (err.severity === 'error') errors++
  process.stderr.write(err.formattedMessage ?? `${err.severity}: ${err.message}\n`)
}
if (errors > 0) fail(`${errors} error(s), nothing written`)

// Contracts of the given files, in command-line order then source order (solc's JSON keeps it).
const contracts = []
const seen = new Map()
for (const unit of units) {
  for (const [name, contract] of Object.entries(output.contracts?.[unit] ?? {})) {
    if (seen.has(name)) fail(`contract ${name} is defined in both ${seen.get(name)} and ${unit}; nothing written`)
    seen.set(name, unit)
    contracts.push([name, contract])
  }
}

mkdirSync(outDir, { recursive: true })
for (const [name, contract] of contracts) {
  const abiPath = join(outDir, `${name}.abi`)
  const binPath = join(outDir, `${name}.bin`)
  writeFileSync(abiPath, JSON.stringify(contract.abi))
  writeFileSync(binPath, contract.evm?.bytecode?.object ?? '')
  process.stdout.write(`${abiPath}\n${binPath}\n`)
}
