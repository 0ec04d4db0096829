// SPDX-License-Identifier: Apache-2.0
pragma solidity ^0.8.20;

/// SHA-256 written in Solidity: a compute-heavy contract for comparing EVM interpreters
/// (bin/bench evm-interp). Its answer must equal the sha256 precompile's.
contract Sha256Bench {
    function rotr(uint32 x, uint32 n) private pure returns (uint32) {
        return (x >> n) | (x << (32 - n));
    }

    function digest(bytes memory data) public pure returns (bytes32) {
        uint32[64] memory k = [
            uint32(0x428a2f98), 0x71374491, 0xb5c0fbcf, 0xe9b5dba5, 0x3956c25b, 0x59f111f1, 0x923f82a4, 0xab1c5ed5,
            0xd807aa98, 0x12835b01, 0x243185be, 0x550c7dc3, 0x72be5d74, 0x80deb1fe, 0x9bdc06a7, 0xc19bf174,
            0xe49b69c1, 0xefbe4786, 0x0fc19dc6, 0x240ca1cc, 0x2de92c6f, 0x4a7484aa, 0x5cb0a9dc, 0x76f988da,
            0x983e5152, 0xa831c66d, 0xb00327c8, 0xbf597fc7, 0xc6e00bf3, 0xd5a79147, 0x06ca6351, 0x14292967,
            0x27b70a85, 0x2e1b2138, 0x4d2c6dfc, 0x53380d13, 0x650a7354, 0x766a0abb, 0x81c2c92e, 0x92722c85,
            0xa2bfe8a1, 0xa81a664b, 0xc24b8b70, 0xc76c51a3, 0xd192e819, 0xd6990624, 0xf40e3585, 0x106aa070,
            0x19a4c116, 0x1e376c08, 0x2748774c, 0x34b0bcb5, 0x391c0cb3, 0x4ed8aa4a, 0x5b9cca4f, 0x682e6ff3,
            0x748f82ee, 0x78a5636f, 0x84c87814, 0x8cc70208, 0x90befffa, 0xa4506ceb, 0xbef9a3f7, 0xc67178f2
        ];
        uint32[8] memory h = [
            uint32(0x6a09e667), 0xbb67ae85, 0x3c6ef372, 0xa54ff53a, 0x510e527f, 0x9b05688c, 0x1f83d9ab, 0x5be0cd19
        ];
        uint256 len = data.length;
        uint256 padded = ((len + 9 + 63) / 64) * 64;
        bytes memory m = new bytes(padded);
        for (uint256 i = 0; i < len; i++) {
            m[i] = data[i];
        }
        m[len] = 0x80;
        for (uint256 i = 0; i < 8; i++) {
            m[padded - 1 - i] = bytes1(uint8((len * 8) >> (8 * i)));
        }
        uint32[64] memory w;
        uint32[8] memory v;
        for (uint256 chunk = 0; chunk < padded; chunk += 64) {
            for (uint256 t = 0; t < 16; t++) {
                uint256 o = chunk + 4 * t;
                w[t] = (uint32(uint8(m[o])) << 24) | (uint32(uint8(m[o + 1])) << 16)
                    | (uint32(uint8(m[o + 2])) << 8) | uint32(uint8(m[o + 3]));
            }
            for (uint256 t = 16; t < 64; t++) {
                uint32 s0 = rotr(w[t - 15], 7) ^ rotr(w[t - 15], 18) ^ (w[t - 15] >> 3);
                uint32 s1 = rotr(w[t - 2], 17) ^ rotr(w[t - 2], 19) ^ (w[t - 2] >> 10);
                unchecked {
                    w[t] = w[t - 16] + s0 + w[t - 7] + s1;
                }
            }
            for (uint256 i = 0; i < 8; i++) {
                v[i] = h[i];
            }
            for (uint256 t = 0; t < 64; t++) {
                unchecked {
                    uint32 t1 = v[7] + (rotr(v[4], 6) ^ rotr(v[4], 11) ^ rotr(v[4], 25))
                        + ((v[4] & v[5]) ^ (~v[4] & v[6])) + k[t] + w[t];
                    uint32 t2 = (rotr(v[0], 2) ^ rotr(v[0], 13) ^ rotr(v[0], 22))
                        + ((v[0] & v[1]) ^ (v[0] & v[2]) ^ (v[1] & v[2]));
                    v[7] = v[6];
                    v[6] = v[5];
                    v[5] = v[4];
                    v[4] = v[3] + t1;
                    v[3] = v[2];
                    v[2] = v[1];
                    v[1] = v[0];
                    v[0] = t1 + t2;
                }
            }
            for (uint256 i = 0; i < 8; i++) {
                unchecked {
                    h[i] += v[i];
                }
            }
        }
        uint256 out;
        for (uint256 i = 0; i < 8; i++) {
            out = (out << 32) | h[i];
        }
        return bytes32(out);
    }

    /// Hashes a 200-byte message `rounds` times, each round's digest feeding the next.
    function run(uint256 rounds) external pure returns (bytes32 x) {
        bytes memory msg_ = new bytes(200);
        for (uint256 r = 0; r < rounds; r++) {
            for (uint256 i = 0; i < 32; i++) {
                msg_[i] = x[i];
            }
            x = digest(msg_);
        }
    }

    /// The same through the precompile, to check the Solidity above.
    function viaPrecompile(uint256 rounds) external pure returns (bytes32 x) {
        bytes memory msg_ = new bytes(200);
        for (uint256 r = 0; r < rounds; r++) {
            for (uint256 i = 0; i < 32; i++) {
                msg_[i] = x[i];
            }
            x = sha256(msg_);
        }
    }
}
