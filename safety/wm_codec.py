"""Codeword side of the watermark: key derivation, CRC, convolutional code, presence test statistics.

Contract:
- `derive_rng(key, label)` turns a secret key and a purpose label into an independent numpy Generator
  (HMAC-SHA256), so every key-dependent choice (pilot, cell layouts, whitening) is reproducible from the key alone
  and unpredictable without it.
- `Codebook(key, payload_bits)` builds the `n_code`-bit codeword for a payload id:
  [presence bits (all zero) | rate-1/2 K=7 convolutional code of (id ‖ CRC-16)], XOR-ed with a key-derived,
  exactly balanced whitening sequence. The presence part is therefore a fixed, balanced, key-secret sequence whose
  agreement with hard decisions is Binomial(n_presence, 1/2) on unmarked input, independent of any decoding.
- `Codebook.decode(soft)` takes pooled soft scores (positive = bit 1 after embedding) and returns the presence
  agreement, its binomial p-value, and the id when the CRC checks (else None).
- `binomial_sf(k, n)` = P(Bin(n, 1/2) >= k), exact.
"""
from __future__ import annotations

import hashlib
import hmac
import math
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_CONV_K = 7                      # constraint length
_CONV_POLYS = (0o133, 0o171)     # the standard NASA/Voyager rate-1/2 pair, d_free = 10
_CRC_BITS = 16


def key_bytes(key: str | bytes) -> bytes:
    if isinstance(key, str):
        key = key.encode("utf-8")
    if not key:
        raise ValueError("watermark key must not be empty")
    return bytes(key)


def derive_rng(key: bytes, label: str) -> np.random.Generator:
    digest = hmac.new(key, label.encode("utf-8"), hashlib.sha256).digest()
    return np.random.Generator(np.random.PCG64(int.from_bytes(digest, "little")))


def balanced_bits(rng: np.random.Generator, n: int) -> np.ndarray:
    """n bits (uint8) with exactly floor(n/2) ones in random order."""
    bits = np.zeros(n, dtype=np.uint8)
    bits[: n // 2] = 1
    rng.shuffle(bits)
    return bits


@lru_cache(maxsize=4096)
def binomial_sf(k: int, n: int) -> float:
    """P(X >= k) for X ~ Binomial(n, 1/2), computed exactly with integers."""
    if k <= 0:
        return 1.0
    if k > n:
        return 0.0
    return float(sum(math.comb(n, i) for i in range(k, n + 1)) / (1 << n))


def binomial_threshold(n: int, fpr: float) -> int:
    """Smallest agreement count k with P(Bin(n, 1/2) >= k) < fpr."""
    for k in range(n // 2, n + 2):
        if binomial_sf(k, n) < fpr:
            return k
    return n + 1


def crc16(bits: np.ndarray) -> np.ndarray:
    """CRC-16/CCITT (poly 0x1021, init 0xFFFF) over a bit array, returned as 16 bits (MSB first)."""
    reg = 0xFFFF
    for b in bits.astype(np.uint8).tolist():
        top = ((reg >> 15) & 1) ^ b
        reg = (reg << 1) & 0xFFFF
        if top:
            reg ^= 0x1021
    return np.array([(reg >> (15 - i)) & 1 for i in range(_CRC_BITS)], dtype=np.uint8)


def _int_to_bits(value: int, n: int) -> np.ndarray:
    return np.array([(value >> (n - 1 - i)) & 1 for i in range(n)], dtype=np.uint8)


def _bits_to_int(bits: np.ndarray) -> int:
    out = 0
    for b in bits.tolist():
        out = (out << 1) | int(b)
    return out


@lru_cache(maxsize=1)
def _trellis() -> tuple[np.ndarray, np.ndarray]:
    """For each (state, input bit): next state and the two output bits."""
    n_states = 1 << (_CONV_K - 1)
    next_state = np.zeros((n_states, 2), dtype=np.int64)
    outputs = np.zeros((n_states, 2, len(_CONV_POLYS)), dtype=np.uint8)
    for state in range(n_states):
        for bit in (0, 1):
            reg = (bit << (_CONV_K - 1)) | state            # newest bit at the top
            for j, poly in enumerate(_CONV_POLYS):
                outputs[state, bit, j] = bin(reg & poly).count("1") & 1
            next_state[state, bit] = reg >> 1
    return next_state, outputs


def conv_encode(bits: np.ndarray) -> np.ndarray:
    next_state, outputs = _trellis()
    state, out = 0, []
    for b in np.concatenate([bits, np.zeros(_CONV_K - 1, np.uint8)]).tolist():
        out.extend(outputs[state, b].tolist())
        state = next_state[state, b]
    return np.array(out, dtype=np.uint8)


def viterbi_decode(soft: np.ndarray, n_info: int) -> np.ndarray:
    """Soft-decision Viterbi for `conv_encode`; soft > 0 means bit 1. Returns n_info bits (tail dropped)."""
    next_state, outputs = _trellis()
    n_states = next_state.shape[0]
    steps = n_info + _CONV_K - 1
    soft = np.asarray(soft, dtype=np.float64).reshape(steps, len(_CONV_POLYS))
    signs = outputs.astype(np.float64) * 2.0 - 1.0                 # (S, 2, R)
    metric = np.full(n_states, -np.inf)
    metric[0] = 0.0
    src_states = np.repeat(np.arange(n_states), 2)
    src_bits = np.tile([0, 1], n_states)
    dst = next_state[src_states, src_bits]
    history = np.zeros((steps, n_states), dtype=np.int64)             # index into (src, bit) pairs
    for t in range(steps):
        branch = metric[src_states] + signs[src_states, src_bits] @ soft[t]
        if t >= n_info:                                               # tail: only zero inputs allowed
            branch = np.where(src_bits == 0, branch, -np.inf)
        best = np.full(n_states, -np.inf)
        choice = np.zeros(n_states, dtype=np.int64)
        order = np.argsort(branch, kind="stable")                     # later (larger) writes win
        best[dst[order]] = branch[order]
        choice[dst[order]] = order
        metric, history[t] = best, choice
    state, decoded = 0, []
    for t in range(steps - 1, -1, -1):
        pair = history[t, state]
        decoded.append(src_bits[pair])
        state = src_states[pair]
    return np.array(decoded[::-1][:n_info], dtype=np.uint8)


@dataclass(frozen=True)
class Decoded:
    presence_agree: int
    n_presence: int
    p_value: float
    payload_id: int | None
    bit_accuracy: float           # agreement of hard decisions with the best codeword known


class Codebook:
    """Maps payload ids to balanced, key-whitened codewords of `n_code` bits and back."""

    def __init__(self, key: bytes, payload_bits: int, n_code: int):
        self.payload_bits = payload_bits
        self.n_info = payload_bits + _CRC_BITS
        self.n_ecc = (self.n_info + _CONV_K - 1) * len(_CONV_POLYS)
        self.n_presence = n_code - self.n_ecc
        if self.n_presence < 64:
            raise ValueError(f"codeword of {n_code} bits leaves only {self.n_presence} presence bits")
        self.n_code = n_code
        rng = derive_rng(key, "codeword/whitening")
        # Each part balanced on its own: an all-zero (or all-one) read agrees with exactly half the presence bits.
        self.whitening = np.concatenate([balanced_bits(rng, self.n_presence), balanced_bits(rng, self.n_ecc)])

    def encode(self, payload_id: int) -> np.ndarray:
        if not 0 <= payload_id < (1 << self.payload_bits):
            raise ValueError(f"payload id must be in [0, 2**{self.payload_bits})")
        info = _int_to_bits(payload_id, self.payload_bits)
        ecc = conv_encode(np.concatenate([info, crc16(info)]))
        raw = np.concatenate([np.zeros(self.n_presence, np.uint8), ecc])
        return raw ^ self.whitening

    def decode(self, soft: np.ndarray, read_id: bool = True) -> Decoded:
        """Presence test always; the id (Viterbi + CRC) only when `read_id`."""
        soft = np.asarray(soft, dtype=np.float64)
        hard = (soft > 0).astype(np.uint8)                       # ties (0) read as 0: balanced whitening keeps 1/2
        raw_hard = hard ^ self.whitening
        agree = int(np.sum(raw_hard[: self.n_presence] == 0))
        p_value = binomial_sf(agree, self.n_presence)
        if not read_id:
            return Decoded(agree, self.n_presence, p_value, None, agree / self.n_presence)
        dewhitened = np.where(self.whitening == 1, -soft, soft)
        info = viterbi_decode(dewhitened[self.n_presence:], self.n_info)
        payload, check = info[: self.payload_bits], info[self.payload_bits:]
        payload_id = _bits_to_int(payload) if np.array_equal(crc16(payload), check) else None
        if payload_id is not None:
            accuracy = float(np.mean(hard == self.encode(payload_id)))
        else:
            accuracy = agree / self.n_presence
        return Decoded(agree, self.n_presence, p_value, payload_id, accuracy)
