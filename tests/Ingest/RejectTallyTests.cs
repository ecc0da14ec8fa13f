using Analytics.Ingest;
using Analytics.Models;

namespace Analytics.Tests.Ingest;

/// <summary>Rejects counted elsewhere (a listed few of a larger total) add up to their totals, and the listing stays bounded.</summary>
public class RejectTallyTests
{
    [Fact]
    public void Add_ListedFewOfLargerTotals_CountsTheTotals()
    {
        var tally = new RejectTally();
        tally.Reject(new RejectedLine(1, "brand missing"));
        tally.Add([new RejectedLine(7, "timestamp invalid: x"), new RejectedLine(9, "brand missing")], new Dictionary<string, long> { ["timestamp invalid"] = 40, ["brand missing"] = 3 });
        tally.Add([new RejectedLine(12, "id missing")]);

        var receipt = tally.Receipt(accepted: 5, duplicates: 0);

        Assert.Equal(1 + 40 + 3 + 1, receipt.Rejected);
        Assert.Equal(new Dictionary<string, long> { ["brand missing"] = 4, ["timestamp invalid"] = 40, ["id missing"] = 1 }, receipt.RejectedByReason);
        Assert.Equal([1L, 7L, 9L, 12L], receipt.Rejects.Select(r => r.Line));
    }
}
