using ClipAudit.Audits;
using ClipAudit.Metrics;
using ClipAudit.Scoring;
using ClipAudit.Tests.Support;

namespace ClipAudit.Tests.Audits;

/// <summary>Counting a score table block by block (the 1,000,000-sample shard benchmark) gives the whole table's counts.</summary>
public sealed class CountSumsTests
{
    [Fact]
    public void BlocksSummed_EqualTheWholeTablesCountsInTheSameOrder()
    {
        using var audit = SyntheticAudit.Create(samples: 50, writeImages: false);
        var run = FakeAudit.Run(AuditConfig.Load(audit.ConfigPath));
        var groupings = new[] { Grouping.Of("tone"), Grouping.Of("gender"), Grouping.Of("tone", "gender") };
        foreach (var table in run.Scores)
        {
            var whole = AuditCore.CountTable(table, "t", [], accuracy: false, harmRates: true, groupings);
            var sums = new CountSums();
            // Uneven blocks, one of a single sample, so some blocks lack some groups.
            foreach (var rows in new[] { table.Rows.Take(1), table.Rows.Skip(1).Take(20), table.Rows.Skip(21) })
            {
                sums.Add(AuditCore.CountTable(table with { Rows = rows.ToList() }, "t", [], false, true, groupings).Counts);
            }

            Assert.Equal(whole.Counts, sums.Counts());
            Assert.Equal(50, sums.Counts().Where(c => c.Grouping.IsOverall).Select(c => c.Counts.Trials).Distinct().Single());
        }
    }
}
