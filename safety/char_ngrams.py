"""Character n-gram channel of the prompt classifier (layer 3): language-agnostic evidence MiniLM lacks.

Contract: `CharNgrams(dim, n_min, n_max, idf)` turns normalised prompt texts into hashed character n-gram features:
`features(texts) -> scipy.sparse.csr_matrix (N, dim)`, float32, each row sublinear term frequency (1 + log tf) times
`idf`, L2-normalised (an all-zero row for an empty text). N-grams are taken inside each word padded with one space on
either side (`" blut "` gives `" b"`, `"bl"`, `" bl"`, ...), so they never straddle words; words are lowercased runs
of letters and digits. Hashing is `zlib.crc32` (stable across processes and machines) modulo `dim`.
`term_frequencies(texts)` then `weigh(tf)` is the same in two steps; `idf_from(tf)` is the smoothed idf of a training
corpus (log((1 + N) / (1 + df)) + 1).
`fit_logistic(x, y, l2)` trains one-vs-rest logistic regression on those features with L-BFGS (deterministic: no
randomness at all) and returns `(W (dim, C), b (C,))`; `char_logits(x, W, b)` applies it.

Why: MiniLM is an English encoder; on Polish, Dutch or Portuguese it sees word pieces, and a slur or "blood
everywhere" in those languages lands near nothing it was trained on. Character n-grams of the hand-written
multilingual prompts carry such words (and their inflections) directly, at a cost of well under a millisecond.
"""
from __future__ import annotations

import re
import zlib
from dataclasses import dataclass

import numpy as np

_WORD = re.compile(r"[^\W_]+")


@dataclass(frozen=True)
class CharNgrams:
    dim: int = 1 << 17
    n_min: int = 2
    n_max: int = 5
    idf: np.ndarray | None = None   # (dim,) or None: no idf weighting

    def _hashed_counts(self, text: str) -> dict[int, int]:
        counts: dict[int, int] = {}
        for word in _WORD.findall(text.lower()):
            padded = f" {word} "
            for n in range(self.n_min, self.n_max + 1):
                for start in range(0, len(padded) - n + 1):
                    key = zlib.crc32(padded[start:start + n].encode("utf-8")) % self.dim
                    counts[key] = counts.get(key, 0) + 1
        return counts

    def term_frequencies(self, texts: list[str]):
        """(N, dim) csr of sublinear term frequencies 1 + log(count), before idf and normalisation."""
        from scipy.sparse import csr_matrix

        indptr, indices, values = [0], [], []
        for text in texts:
            counts = self._hashed_counts(text)
            indices.append(np.fromiter(counts.keys(), dtype=np.int64, count=len(counts)))
            values.append(1.0 + np.log(np.fromiter(counts.values(), dtype=np.float64, count=len(counts))))
            indptr.append(indptr[-1] + len(counts))
        return csr_matrix((np.concatenate(values).astype(np.float32) if texts else np.zeros(0, np.float32),
                           np.concatenate(indices) if texts else np.zeros(0, np.int64), np.array(indptr)),
                          shape=(len(texts), self.dim))

    def weigh(self, tf):
        """Term frequencies -> features: times idf (when set), each row L2-normalised."""
        from scipy.sparse import diags

        x = tf if self.idf is None else tf @ diags(self.idf.astype(np.float32))
        norms = np.sqrt(np.asarray(x.multiply(x).sum(1)).ravel())
        return (diags((1.0 / np.where(norms > 0, norms, 1.0)).astype(np.float32)) @ x).tocsr()

    def features(self, texts: list[str]):
        return self.weigh(self.term_frequencies(texts))


def idf_from(tf) -> np.ndarray:
    """Smoothed idf, log((1 + N) / (1 + df)) + 1, of the rows of a term-frequency matrix."""
    df = np.asarray((tf > 0).sum(0)).ravel()
    return (np.log((1.0 + tf.shape[0]) / (1.0 + df)) + 1.0).astype(np.float32)


def fit_logistic(x, y: np.ndarray, l2: float = 1e-4, sample_weight: np.ndarray | None = None,
                 max_iter: int = 300) -> tuple[np.ndarray, np.ndarray]:
    """One-vs-rest L2 logistic regression on sparse features x (N, D) and labels y (N, C) in {0, 1}. The loss is the
    weighted mean log-loss plus l2/2 * |w|^2 (bias not penalised)."""
    from scipy.optimize import minimize

    n, d = x.shape
    weights = np.ones(n) if sample_weight is None else np.asarray(sample_weight, dtype=np.float64)
    weights = weights / weights.sum()
    xt = x.T.tocsr()
    w_out = np.zeros((d, y.shape[1]), dtype=np.float32)
    b_out = np.zeros(y.shape[1], dtype=np.float32)
    for c in range(y.shape[1]):
        target = y[:, c].astype(np.float64)

        def loss_and_grad(theta: np.ndarray) -> tuple[float, np.ndarray]:
            w, b = theta[:d], theta[d]
            z = x @ w + b
            # log(1 + e^z) - t z, computed stably
            loss = float((weights * (np.logaddexp(0.0, z) - target * z)).sum() + 0.5 * l2 * w @ w)
            r = weights * (1.0 / (1.0 + np.exp(-z)) - target)
            return loss, np.concatenate([xt @ r + l2 * w, [r.sum()]])

        result = minimize(loss_and_grad, np.zeros(d + 1), jac=True, method="L-BFGS-B",
                          options={"maxiter": max_iter})
        w_out[:, c], b_out[c] = result.x[:d], result.x[d]
    return w_out, b_out


def char_logits(x, w: np.ndarray, b: np.ndarray) -> np.ndarray:
    """(N, D) sparse features -> (N, C) logits."""
    return np.asarray(x @ w.astype(np.float32)) + b


@dataclass
class CharChannel:
    """A trained character n-gram model: features, weights (dim, C), biases (C,) and its own per-category
    thresholds (calibrated jointly with the embedding channel by the training script)."""

    ngrams: CharNgrams
    w: np.ndarray
    b: np.ndarray
    thresholds: np.ndarray

    def proba(self, texts: list[str]) -> np.ndarray:
        z = char_logits(self.ngrams.features(texts), self.w, self.b)
        return (1.0 / (1.0 + np.exp(-np.clip(z, -40, 40)))).astype(np.float32)

    def to_arrays(self) -> dict[str, np.ndarray]:
        return {"char_w": self.w.astype(np.float16), "char_b": self.b.astype(np.float32),
                "char_idf": (np.ones(self.ngrams.dim, np.float16) if self.ngrams.idf is None
                             else self.ngrams.idf.astype(np.float16)),
                "char_shape": np.array([self.ngrams.dim, self.ngrams.n_min, self.ngrams.n_max], dtype=np.int64),
                "char_thresholds": self.thresholds.astype(np.float32)}

    @classmethod
    def from_arrays(cls, data, n_categories: int) -> "CharChannel":
        """Inverse of `to_arrays`; raises ValueError on inconsistent shapes."""
        dim, n_min, n_max = (int(v) for v in data["char_shape"])
        w, b = data["char_w"].astype(np.float32), data["char_b"].astype(np.float32)
        idf, thresholds = data["char_idf"].astype(np.float32), data["char_thresholds"].astype(np.float32)
        if (w.shape != (dim, n_categories) or b.shape != (n_categories,) or idf.shape != (dim,)
                or thresholds.shape != (n_categories,) or not 1 <= n_min <= n_max
                or not np.all((thresholds > 0) & (thresholds < 1))):
            raise ValueError("malformed character n-gram channel")
        return cls(CharNgrams(dim, n_min, n_max, idf), w, b, thresholds)
