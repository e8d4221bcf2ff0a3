#!/usr/bin/python3
"""Reference values for tests/ClipAudit.Tests/Metrics (written to ../reference.json).

Run with Debian's python3 after: apt-get install -y python3-scipy python3-statsmodels python3-numpy
    /usr/bin/python3 tests/ClipAudit.Tests/Data/Metrics/scripts/make_reference.py
Every value comes from scipy / statsmodels, never from ClipAudit. The paired Newcombe interval is not in either
library; its reference is the published value in Fagerland, Lydersen & Laake (2017), ch. 8 (4 decimals).
"""
import json, os, platform
import numpy as np, scipy, statsmodels
from scipy import stats
from scipy.stats.contingency import association
from statsmodels.stats.proportion import proportion_confint, confint_proportions_2indep, proportions_ztest
from statsmodels.stats.multitest import multipletests
from statsmodels.stats.contingency_tables import mcnemar

f = float
single = [(0, 30), (1, 30), (7, 45), (29, 30), (500, 1000), (3, 100000), (2500, 100000)]
levels = [0.95, 0.90]
pairs = [((7, 45), (15, 50)), ((120, 1000), (90, 1100)), ((0, 30), (5, 40)), ((33, 60), (12, 58)), ((5, 20), (15, 20)),
         ((3000, 50000), (2500, 50000)), ((15, 10000), (30, 9000))]

out = {
    "generator": "scripts/make_reference.py",
    "versions": {"python": platform.python_version(), "numpy": np.__version__, "scipy": scipy.__version__,
                 "statsmodels": statsmodels.__version__},
    "tolerance": {"closedFormRelative": 1e-9, "iterativeRelative": 1e-6, "publishedAbsolute": 5e-5},
    "wilson": [], "clopperPearson": [], "newcombe": [], "katzLog": [], "zTest": [], "fisher": [],
    "chiSquare": [], "mcnemar": [], "adjustments": [], "newcombePaired": [],
}
for x, n in single:
    for level in levels:
        lo, hi = proportion_confint(x, n, alpha=1 - level, method="wilson")
        out["wilson"].append({"x": x, "n": n, "level": level, "lower": f(lo), "upper": f(hi)})
        lo, hi = proportion_confint(x, n, alpha=1 - level, method="beta")
        out["clopperPearson"].append({"x": x, "n": n, "level": level, "lower": f(lo), "upper": f(hi)})
for (x1, n1), (x2, n2) in pairs:
    for level in levels:
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method="newcomb", compare="diff", alpha=1 - level)
        out["newcombe"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level, "lower": f(lo), "upper": f(hi)})
        method = "log-adjusted" if 0 in (x1, x2) else "log"
        lo, hi = confint_proportions_2indep(x1, n1, x2, n2, method=method, compare="ratio", alpha=1 - level)
        out["katzLog"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "level": level, "method": method,
                               "lower": f(lo), "upper": f(hi)})
    if 0 not in (x1 + x2, n1 + n2 - x1 - x2):
        z, p = proportions_ztest([x1, x2], [n1, n2])
        out["zTest"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "z": f(z), "p": f(p)})
    _, p = stats.fisher_exact([[x1, n1 - x1], [x2, n2 - x2]], alternative="two-sided")
    out["fisher"].append({"x1": x1, "n1": n1, "x2": x2, "n2": n2, "p": f(p)})
_, p = stats.fisher_exact([[8, 2], [1, 5]])  # scipy's documented example, p = 0.0349...
out["fisher"].append({"x1": 8, "n1": 9, "x2": 2, "n2": 7, "p": f(p)})

tables = [
    [[7, 15, 30], [38, 35, 70]],                      # 2 x k: successes / failures by group
    [[120, 90, 40, 7], [880, 1010, 260, 50]],
    [[10, 20, 30, 5], [40, 25, 10, 20], [5, 5, 30, 25]],  # r x k: predicted class by group
]
for t in tables:
    chi2, p, dof, _ = stats.chi2_contingency(np.array(t), correction=False)
    v = association(np.array(t), method="cramer")
    out["chiSquare"].append({"table": t, "statistic": f(chi2), "p": f(p), "df": int(dof), "cramersV": f(v)})

for b, c in [(3, 11), (0, 4), (6, 6), (20, 35), (40, 61)]:
    table = [[50, b], [c, 50]]
    exact = mcnemar(table, exact=True)
    corrected = mcnemar(table, exact=False, correction=True)
    out["mcnemar"].append({"b": b, "c": c, "exactStatistic": f(exact.statistic), "exactP": f(exact.pvalue),
                           "chiSquareStatistic": f(corrected.statistic), "chiSquareP": f(corrected.pvalue)})

# Benjamini & Hochberg (1995), J R Stat Soc B 57:289-300, section 4.2: 15 p-values from a trial
# (the paper's worked example; BH at q = 0.05 rejects the 4 smallest, Bonferroni-type procedures 3).
bh1995 = [0.0001, 0.0004, 0.0019, 0.0095, 0.0201, 0.0278, 0.0298, 0.0344, 0.0459, 0.3240, 0.4262, 0.5719,
          0.6528, 0.7590, 1.000]
shuffled = [0.04, 0.001, 0.2, 0.013, 0.013, 0.9, 0.03]
for name, ps in [("bh1995", bh1995), ("unsortedWithTies", shuffled)]:
    holm = multipletests(ps, method="holm")[1]
    bh = multipletests(ps, method="fdr_bh")[1]
    out["adjustments"].append({"name": name, "p": ps, "holm": [f(v) for v in holm], "bh": [f(v) for v in bh]})

# Cavo et al. (2012) complete response before/after consolidation; Fagerland, Lydersen & Laake (2017),
# "Statistical Analysis of Contingency Tables", ch. 8, Newcombe square-and-add: -0.0621 (95% CI -0.1186 to -0.0046).
out["newcombePaired"].append({"both": 59, "onlyFirst": 6, "onlySecond": 16, "neither": 80, "level": 0.95,
                              "estimate": -0.0621, "lower": -0.1186, "upper": -0.0046,
                              "source": "Fagerland, Lydersen & Laake (2017), ch. 8, Cavo et al. (2012) data"})

# How many cases each list holds: the tests check their rows against these, so a list emptied or cut short by a bad
# regeneration or a hand edit fails instead of passing with nothing to compare.
out["caseCounts"] = {name: len(out[name]) for name in ["wilson", "clopperPearson", "newcombe", "katzLog", "zTest", "fisher",
                                                        "chiSquare", "mcnemar", "adjustments", "newcombePaired"]}

path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "reference.json")
with open(path, "w") as fh:
    json.dump(out, fh, indent=1)
    fh.write("\n")
print("wrote", os.path.normpath(path))
