"""Reference values for WeatTestReferenceTests (ClipAudit's WEAT), computed independently with numpy and scipy.

Run with Debian's python3 (numpy, scipy 1.10): `python3 weat_reference.py > weat-reference.json`.
Each case holds float32 vectors X, Y, A, B (rounded to 6 decimals, as the test reads them) and:
  s      s(w, A, B) = mean cos(w, a) - mean cos(w, b) for w in X then Y (numpy)
  d      (mean_X s - mean_Y s) / std(s over X u Y, ddof=1)          (numpy)
  S      sum_X s - sum_Y s                                          (numpy)
  p      one-sided exact permutation p-value, P[S_i >= S] over all equal-size re-partitions,
         from scipy.stats.permutation_test(permutation_type='independent', alternative='greater', n_resamples=inf)
  p_enum the same p by enumerating itertools.combinations directly (a second, independent count)
"""
import itertools
import json

import numpy as np
from scipy import stats


def vectors(rng, n, dim, shift):
    return np.round((rng.standard_normal((n, dim)) + shift).astype(np.float32), 6).astype(np.float64)


def assoc(w, A, B):
    cos = lambda u, V: (V @ u) / (np.linalg.norm(V, axis=1) * np.linalg.norm(u))
    return cos(w, A).mean() - cos(w, B).mean()


def case(name, seed, nx, ny, na, nb, dim, planted):
    rng = np.random.default_rng(seed)
    direction = rng.standard_normal(dim)
    A = vectors(rng, na, dim, 0.8 * direction)
    B = vectors(rng, nb, dim, -0.8 * direction)
    X = vectors(rng, nx, dim, planted * direction)
    Y = vectors(rng, ny, dim, -planted * direction)
    s = np.array([assoc(w, A, B) for w in np.vstack([X, Y])])
    sx, sy = s[:nx], s[nx:]
    d = (sx.mean() - sy.mean()) / s.std(ddof=1)
    S = sx.sum() - sy.sum()
    result = stats.permutation_test((sx, sy), lambda a, b, axis: np.sum(a, axis=axis) - np.sum(b, axis=axis),
                                    permutation_type='independent', alternative='greater', n_resamples=np.inf, vectorized=True)
    total = s.sum()
    tol = 1e-12 * max(1.0, abs(total) + np.abs(s).sum())
    count = sum(1 for idx in itertools.combinations(range(nx + ny), nx) if s[list(idx)].sum() >= sx.sum() - tol)
    partitions = sum(1 for _ in itertools.combinations(range(nx + ny), nx))
    return {
        "name": name, "X": X.tolist(), "Y": Y.tolist(), "A": A.tolist(), "B": B.tolist(),
        "s": s.tolist(), "d": float(d), "S": float(S), "p": float(result.pvalue),
        "p_enum": count / partitions, "partitions": partitions,
    }


cases = [
    case("planted association, 6 vs 6 targets (924 partitions)", 1, 6, 6, 5, 5, 8, 0.6),
    case("no planted association, 5 vs 7 targets (792 partitions)", 2, 5, 7, 4, 6, 8, 0.0),
    case("weak association, 12 vs 12 targets (2,704,156 partitions: sampled in ClipAudit)", 3, 12, 12, 6, 6, 8, 0.15),
]
print(json.dumps({"source": "weat_reference.py (numpy " + np.__version__ + ", scipy " + __import__('scipy').__version__ + ")",
                  "cases": cases}, indent=1))
