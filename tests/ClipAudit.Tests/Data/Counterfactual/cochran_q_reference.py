"""Reference values for CochranQTestTests, computed independently with numpy and scipy.

Run with Debian's python3 (numpy, scipy 1.10): `python3 cochran_q_reference.py > cochran-q-reference.json`.
Q = (k-1) * (k * sum_j C_j^2 - N^2) / (k * N - sum_i R_i^2)   (Cochran 1950), p = scipy.stats.chi2.sf(Q, k-1).
For k = 2 the script also gives McNemar's uncorrected chi-square (b-c)^2/(b+c), which Q must equal.
"""
import json

import numpy as np
from scipy import stats


def q(table):
    x = np.asarray(table, dtype=float)
    k = x.shape[1]
    c, r, n = x.sum(axis=0), x.sum(axis=1), x.sum()
    stat = (k - 1) * (k * (c ** 2).sum() - n ** 2) / (k * n - (r ** 2).sum())
    return float(stat), int(k - 1), float(stats.chi2.sf(stat, k - 1))


rng = np.random.default_rng(17)
cases = []
# Three treatments, 12 blocks: treatment 3 succeeds more often.
t1 = [[1, 1, 1], [0, 0, 1], [0, 1, 1], [0, 0, 0], [1, 0, 1], [0, 0, 1], [1, 1, 1], [0, 0, 1], [0, 1, 0], [0, 0, 1], [1, 0, 1], [0, 0, 0]]
# Four treatments, 30 random blocks with success probabilities 0.3, 0.4, 0.5, 0.7.
t2 = (rng.random((30, 4)) < np.array([0.3, 0.4, 0.5, 0.7])).astype(int).tolist()
# Two treatments, 15 blocks (McNemar's setting): b = 6 (first only), c = 2 (second only).
t3 = [[1, 0]] * 6 + [[0, 1]] * 2 + [[1, 1]] * 4 + [[0, 0]] * 3
for name, table in [("3 treatments x 12 blocks", t1), ("4 treatments x 30 random blocks", t2), ("2 treatments x 15 blocks", t3)]:
    stat, df, p = q(table)
    case = {"name": name, "blocks": table, "q": stat, "df": df, "p": p}
    if len(table[0]) == 2:
        b = sum(1 for r in table if r == [1, 0]); c = sum(1 for r in table if r == [0, 1])
        case["mcnemar_uncorrected"] = (b - c) ** 2 / (b + c)
    cases.append(case)
print(json.dumps({"source": "cochran_q_reference.py (numpy " + np.__version__ + ", scipy " + __import__('scipy').__version__ + ")", "cases": cases}, indent=1))
