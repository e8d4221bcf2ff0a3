using System.CommandLine;
using System.Globalization;
using ClipAudit.Metrics;

namespace ClipAudit.Cli.Commands;

/// <summary><c>clipaudit plan</c>: how many samples per group an audit needs to detect a chosen difference from a chosen base rate.</summary>
internal static class PlanCommand
{
    public static Command Create(CliContext context)
    {
        var baseRate = new Option<double>("--base-rate-percent") { Description = "Rate of the reference group, in percent (e.g. 10 for 10 %).", Required = true };
        var difference = new Option<double>("--difference-points")
        {
            Description = "Difference to detect, in percentage points; negative for a lower rate (e.g. 5: from 10 % to 15 %).",
            Required = true,
        };
        var alpha = new Option<double>("--alpha") { Description = "Two-sided significance level.", DefaultValueFactory = _ => 0.05 };
        var power = new Option<double>("--power") { Description = "Power (probability of detecting the difference if it is real).", DefaultValueFactory = _ => PowerAnalysis.DefaultPower };
        var ratio = new Option<double>("--ratio") { Description = "Size of the second group relative to the first.", DefaultValueFactory = _ => 1 };
        var comparisons = new Option<int>("--comparisons")
        {
            Description = "Pairwise comparisons the audit adjusts for (Holm); the plan uses Bonferroni's α/m, which Holm never needs more than.",
            DefaultValueFactory = _ => 1,
        };
        var command = new Command("plan", "Samples per group needed to detect a difference between two groups' rates (two-sided test, normal approximation on the arcsine scale, as statsmodels NormalIndPower).")
        {
            baseRate, difference, alpha, power, ratio, comparisons,
        };
        command.SetAction(parse => context.Execute(parse, () =>
        {
            double p0 = parse.GetValue(baseRate) / 100, d = parse.GetValue(difference) / 100, a = parse.GetValue(alpha), pw = parse.GetValue(power), r = parse.GetValue(ratio);
            int m = parse.GetValue(comparisons);
            string? problem = !(p0 >= 0 && p0 <= 1) ? "--base-rate-percent must be between 0 and 100"
                : !(p0 + d >= 0 && p0 + d <= 1) || d == 0 ? "--difference-points must be non-zero and keep the rate between 0 and 100 %"
                : !(a > 0 && a < 1) ? "--alpha must be strictly between 0 and 1 (e.g. 0.05)"
                : !(pw > a && pw < 1) ? "--power must be between --alpha and 1 (e.g. 0.8)"
                : !(r > 0) ? "--ratio must be positive"
                : m < 1 ? "--comparisons must be at least 1"
                : null;
            if (problem is not null)
            {
                context.Error.WriteLine($"error: {problem}. Example: clipaudit plan --base-rate-percent 10 --difference-points 5");
                return ExitCodes.BadInput;
            }

            double level = a / m;
            double n = PowerAnalysis.SampleSize(p0, d, level, pw, r);
            long first = (long)Math.Ceiling(n - 1e-9), second = (long)Math.Ceiling((n * r) - 1e-9);
            string sign = d > 0 ? "+" : "−";
            string adjusted = m > 1 ? I($" (= {a} / {m} comparisons)") : "";
            context.Out.WriteLine(I($"To detect {Percent(p0)} → {Percent(p0 + d)} ({sign}{Math.Abs(d * 100):0.###} points) with {pw * 100:0.#} % power, two-sided α = {level:0.######}{adjusted}:"));
            context.Out.WriteLine(r == 1
                ? I($"  {first} samples per group ({n:0.00} before rounding up)")
                : I($"  {first} samples in the first group and {second} in the second (ratio {r}; {n:0.00} before rounding up)"));
            double h = PowerAnalysis.EffectSize(p0 + d, p0);
            context.Out.WriteLine(I($"  effect size Cohen's h = {h:0.0000}; normal approximation of the two-proportion test (statsmodels NormalIndPower with proportion_effectsize)."));
            context.Out.WriteLine("  The audit's Fisher exact test is slightly more conservative than this approximation: allow a margin.");
            return ExitCodes.Success;
        }));
        return command;
    }

    private static string I(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);

    private static string Percent(double p) => (p * 100).ToString("0.###", CultureInfo.InvariantCulture) + " %";
}
