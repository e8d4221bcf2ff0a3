"""Reference values for PowerAnalysis, computed with statsmodels (see README.md in this folder).

Run: python3 make_reference.py   (with Debian 12's python3-statsmodels: apt-get install python3-statsmodels)
"""
import math
import statsmodels
from statsmodels.stats.power import NormalIndPower
from statsmodels.stats.proportion import proportion_effectsize

power = NormalIndPower()
print(f"# statsmodels {statsmodels.__version__}: NormalIndPower().solve_power, proportion_effectsize")
print("kind,base_rate,difference_or_n1,n2_ratio,alpha,power,value")
# Sample size per group (nobs1, unrounded) to detect base_rate -> base_rate + difference.
for base, diff, alpha, pw, ratio in [
    (0.10, 0.05, 0.05, 0.8, 1.0),
    (0.02, 0.02, 0.05, 0.8, 1.0),
    (0.50, -0.10, 0.05, 0.9, 1.0),
    (0.30, 0.05, 0.01, 0.8, 2.0),
    (0.05, 0.01, 0.05, 0.8, 1.0),
    (0.90, -0.05, 0.05, 0.8, 0.5),
]:
    h = proportion_effectsize(base + diff, base)
    n1 = power.solve_power(effect_size=h, nobs1=None, alpha=alpha, power=pw, ratio=ratio, alternative="two-sided")
    print(f"sample_size,{base},{diff},{ratio},{alpha},{pw},{float(n1):.10g}")
# Minimum detectable effect size h for n1 and n2 = ratio * n1; the test converts h to rates itself from its formula.
for n1, ratio, alpha, pw in [(150, 1.0, 0.05, 0.8), (40, 1.0, 0.05 / 6, 0.8), (173, 217 / 173, 0.05 / 3, 0.8), (1000, 0.5, 0.05, 0.9)]:
    h = power.solve_power(effect_size=None, nobs1=n1, alpha=alpha, power=pw, ratio=ratio, alternative="two-sided")
    print(f"effect_size,,{n1},{ratio:.10g},{alpha:.10g},{pw},{float(h):.10g}")
# Power at a given h, n1, n2.
for h, n1, ratio, alpha in [(0.2, 100, 1.0, 0.05), (0.5, 30, 2.0, 0.01)]:
    p = power.power(effect_size=h, nobs1=n1, alpha=alpha, ratio=ratio, alternative="two-sided")
    print(f"power,{h},{n1},{ratio},{alpha},,{float(p):.10g}")
# McNemar minimum detectable change (Connor 1987, not in statsmodels): solve n = [z_a*sqrt(psi) + z_b*sqrt(psi - d^2)]^2 / d^2
# for d with scipy's brentq and norm (an implementation independent of ClipAudit's bisection).
from scipy.optimize import brentq
from scipy.stats import norm
for n, psi, alpha, pw in [(150, 0.25, 0.05, 0.8), (600, 0.05, 0.05 / 4, 0.8), (40, 0.5, 0.05, 0.9)]:
    za, zb = norm.isf(alpha / 2), norm.ppf(pw)
    d = brentq(lambda d: (za * math.sqrt(psi) + zb * math.sqrt(psi - d * d)) ** 2 / d ** 2 - n, 1e-9, psi)
    print(f"mcnemar_change,{psi},{n},,{alpha:.10g},{pw},{d:.10g}")
