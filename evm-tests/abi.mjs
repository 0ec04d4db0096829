// Reference ABI coder for the sdk's ABI tests: encodes (and decodes) each case of a JSON file
// with ethers' AbiCoder (the ethers version pinned in package.json) and prints one JSON array of
// results, in the order of the cases.   Usage: node abi.mjs cases.json > results.json
//
// A case: {"types": ["uint256", "(address,bytes)[]", ...], "values": [...], "encoded": "0x..."}
// ("encoded" optional). Types are Solidity ABI type strings as ethers' ParamType parses them
// (tuples as "(t1,t2)" or "tuple(t1,t2)", arrays "T[]" / "T[k]").
//
// Values, in and out, in one JSON form: integers (uintN/intN) as decimal strings, addresses as
// 0x lower-case hex, bools as JSON booleans, bytes and bytesN as 0x hex (lower case out),
// strings as strings, arrays and tuples as JSON arrays.
//
// A result: {"encoded": "0x..." | null, "encodeError": message (only when encoding threw),
//            "decoded": [...] | {"error": message} (only when the case has "encoded")}
// "encoded" is AbiCoder.defaultAbiCoder().encode(types, values); "decoded" is
// defaultAbiCoder().decode(types, case.encoded) (strict, not loose) in the JSON form above, or
// {"error": message} when ethers throws (message: the error's message, see message()).

import { readFileSync } from 'node:fs'
import { AbiCoder, ParamType } from 'ethers'

const coder = AbiCoder.defaultAbiCoder()

// The thrown error's message; for ethers' "deferred error during ABI decoding triggered
// accessing index N" (a Result element that failed to decode) the cause's message is appended.
function message(e) {
  if (!(e instanceof Error)) return String(e)
  return e.error instanceof Error ? `${e.message}: ${e.error.message}` : e.message
}

// A decoded value (ethers: bigint, string, boolean, Result) of the given ParamType, in JSON form.
function toJson(type, value) {
  switch (type.baseType) {
    case 'array':
      return Array.from(value, (v) => toJson(type.arrayChildren, v))
    case 'tuple':
      return type.components.map((c, i) => toJson(c, value[i]))
    case 'address':
      return value.toLowerCase()
    case 'bool':
      return value
    case 'string':
      return value
    default:
      if (typeof value === 'bigint') return value.toString() // uintN, intN
      if (/^bytes\d*$/.test(type.baseType)) return value.toLowerCase()
      throw new Error(`unexpected type ${type.format()}`)
  }
}

function runCase(c) {
  const result = {}
  try {
    result.encoded = coder.encode(c.types, c.values)
  } catch (e) {
    result.encoded = null
    result.encodeError = message(e)
  }
  if (c.encoded !== undefined) {
    try {
      const types = c.types.map((t) => ParamType.from(t))
      const decoded = coder.decode(types, c.encoded)
      result.decoded = types.map((t, i) => toJson(t, decoded[i]))
    } catch (e) {
      result.decoded = { error: message(e) }
    }
  }
  return result
}

const file = process.argv[2]
if (!file) {
  process.stderr.write('usage: node abi.mjs cases.json\n')
  process.exit(2)
}
const cases = JSON.parse(readFileSync(file, 'utf8'))
if (!Array.isArray(cases)) {
  process.stderr.write(`${file}: not a JSON array of cases\n`)
  process.exit(1)
}
process.stdout.write(JSON.stringify(cases.map(runCase)) + '\n')
