using System.Globalization;
using System.Text;
using Analytics.Ingest;
using Analytics.Models;
using Xunit;

namespace Analytics.Tests.Ingest;

public sealed class TwcsImporterTests : IDisposable
{
    private const string Header = "tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id";

    private readonly DirectoryInfo folder = Directory.CreateTempSubdirectory("twcs-tests-");

    public void Dispose() => folder.Delete(recursive: true);

    [Fact]
    public void ReadEvents_ReplyTree_ConversationIsRootAndBrandIsFirstOutboundAuthor()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp my order never arrived,2,",
            // +0100: 23:10 local is 22:10 UTC.
            "2,AcmeHelp,False,Tue Oct 31 23:10:00 +0100 2017,@cust1 Sorry! DM us,3,1",
            "3,cust1,True,Tue Oct 31 22:12:30 +0000 2017,@AcmeHelp sent,,2");

        Assert.Equal(["1", "2", "3"], events.Select(e => e.Id));
        Assert.All(events, e =>
        {
            Assert.Equal("1", e.ConversationId);
            Assert.Equal("AcmeHelp", e.Brand);
            Assert.Equal("twitter", e.Channel);
            Assert.Equal(EventKind.Message, e.Kind);
        });
        Assert.Equal([Direction.Inbound, Direction.Outbound, Direction.Inbound], events.Select(e => e.Direction));
        Assert.Equal(
            [Utc("2017-10-31T22:00:00Z"), Utc("2017-10-31T22:10:00Z"), Utc("2017-10-31T22:12:30Z")],
            events.Select(e => e.Timestamp));
        Assert.Equal(1_509_487_200_000_000, events[0].Timestamp);

        var result = importer.Result;
        Assert.Equal((3, 3, 0, 1, 0, 0), (result.RowsRead, result.EventsProduced, result.RowsRejected, result.Trees, result.UnattributedTrees, result.UnattributedTweets));
    }

    [Fact]
    public void ReadEvents_QuotedNewlinesAndDoubledQuotes_KeepRowsWholeAndLinesPhysical()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,\"@AcmeHelp line one\nshe said \"\"hi, there\"\"\r\nline three\",2,",
            "2,AcmeHelp,False,Tue Oct 31 22:05:00 +0000 2017,\"\"\"quoted\"\" reply\",,1",
            "3,cust1,True,Tue Foo,bad,,2");

        Assert.Equal(["1", "2"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(("1", "AcmeHelp"), (e.ConversationId, e.Brand)));
        // Row 3 starts on physical line 6: the header is line 1, row 1 spans lines 2-4, row 2 is line 5.
        Assert.Equal([new RejectedLine(6, "created_at invalid: 'Tue Foo'")], importer.Result.Rejected);
    }

    [Fact]
    public void ReadEvents_BareCarriageReturnInText_IsSpaceNotLineBreak()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp hello\rworld,2,",
            "2,AcmeHelp,False,Tue Oct 31 22:05:00 +0000 2017,@cust1 hi,,1",
            "3,cust1,True,,no time,,2");

        Assert.Equal(["1", "2"], events.Select(e => e.Id));
        Assert.Equal(3, importer.Result.RowsRead);
        Assert.Equal([new RejectedLine(4, "created_at missing")], importer.Result.Rejected);
        Assert.Equal(Digest("@AcmeHelp hello world"), events[0].Digest);
    }

    [Fact]
    public void Open_LeadingIndexColumnAndShuffledColumns_FindsColumnsByName()
    {
        var (_, events) = Import(
            ",text,in_response_to_tweet_id,created_at,inbound,author_id,response_tweet_id,tweet_id",
            "0,@AcmeHelp help,,Tue Oct 31 22:00:00 +0000 2017,True,cust1,11,10",
            "1,@cust1 on it,10,Tue Oct 31 22:01:00 +0000 2017,False,AcmeHelp,,11");

        Assert.Equal(["10", "11"], events.Select(e => e.Id));
        Assert.Equal([Direction.Inbound, Direction.Outbound], events.Select(e => e.Direction));
        Assert.All(events, e => Assert.Equal(("10", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal(Utc("2017-10-31T22:01:00Z"), events[1].Timestamp);
    }

    [Fact]
    public void ReadEvents_FloatIds_NormalizedToIntegers()
    {
        var (_, events) = Import(
            Header,
            "3.0,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,4.0,",
            "4.0,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 on it,,3.0",
            "5,cust1,True,Tue Oct 31 22:02:00 +0000 2017,@AcmeHelp thanks,,4");

        Assert.Equal(["3", "4", "5"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal("3", e.ConversationId));
    }

    [Fact]
    public void Open_ResponseTweetIdListingSeveralIds_AcceptsRow()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,\"2,3\",",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 one,,1",
            "3,AcmeHelp,False,Tue Oct 31 22:02:00 +0000 2017,@cust1 two,\"4.0, 5.0\",1",
            "4,cust1,True,Tue Oct 31 22:03:00 +0000 2017,@AcmeHelp ok,,3",
            "5,cust1,True,Tue Oct 31 22:04:00 +0000 2017,@AcmeHelp bad,\"6,x\",3");

        Assert.Equal(["1", "2", "3", "4"], events.Select(e => e.Id));
        Assert.Equal([new RejectedLine(6, "response_tweet_id invalid: '6,x'")], importer.Result.Rejected);
    }

    [Theory]
    [InlineData("True", Direction.Inbound)]
    [InlineData("TRUE", Direction.Inbound)]
    [InlineData("true", Direction.Inbound)]
    [InlineData("1", Direction.Inbound)]
    [InlineData("1.0", Direction.Inbound)]
    [InlineData("False", Direction.Outbound)]
    [InlineData("FALSE", Direction.Outbound)]
    [InlineData("false", Direction.Outbound)]
    [InlineData("0", Direction.Outbound)]
    public void ReadEvents_InboundSpelling_GivesDirection(string inbound, Direction expected)
    {
        var (_, events) = Import(
            Header,
            "1,AcmeHelp,False,Tue Oct 31 22:00:00 +0000 2017,brand elsewhere,,",
            $"2,someone,{inbound},Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp hi,,");

        Assert.Equal(expected, events.Single(e => e.Id == "2").Direction);
    }

    [Fact]
    public void ReadEvents_TreeAnsweredByTwoBrands_SecondBrandGoesToRootAuthorConversation()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp @AcmeShip where is it,\"2,3\",",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 asking shipping,,1",
            "3,AcmeShip,False,Tue Oct 31 22:02:00 +0000 2017,@cust1 on its way,4,1",
            "4,cust1,True,Tue Oct 31 22:03:00 +0000 2017,@AcmeShip thanks,,3");

        var byId = events.ToDictionary(e => e.Id);
        Assert.Equal(("1", "AcmeHelp"), (byId["1"].ConversationId, byId["1"].Brand));
        Assert.Equal(("1", "AcmeHelp"), (byId["2"].ConversationId, byId["2"].Brand));
        Assert.Equal(("1:AcmeShip", "AcmeShip"), (byId["3"].ConversationId, byId["3"].Brand));
        // The customer's reply stays in the tree's conversation, with the tree's brand.
        Assert.Equal(("1", "AcmeHelp"), (byId["4"].ConversationId, byId["4"].Brand));
        Assert.Equal((1, 1), (importer.Result.Trees, importer.Result.ForeignBrandTweets));
    }

    [Fact]
    public void ReadEvents_OutboundByBrandSpelledInOtherCase_StaysInTreeConversation()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,2,",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 a,3,1",
            "3,acmehelp,False,Tue Oct 31 22:02:00 +0000 2017,@cust1 b,,2");

        Assert.All(events, e => Assert.Equal(("1", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal(0, importer.Result.ForeignBrandTweets);
    }

    [Fact]
    public void ReadEvents_OutboundTiedInTime_BrandIsAuthorOfNumericallySmallerId()
    {
        // "20" < "9" as strings; as numbers 9 comes first. Row order must not matter either.
        var (_, events) = Import(
            Header,
            "20,BrandB,False,Tue Oct 31 22:05:00 +0000 2017,@cust1 b,,1",
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@BrandA @BrandB help,\"9,20\",",
            "9,BrandA,False,Tue Oct 31 22:05:00 +0000 2017,@cust1 a,,1");

        var byId = events.ToDictionary(e => e.Id);
        Assert.Equal(("1", "BrandA"), (byId["1"].ConversationId, byId["1"].Brand));
        Assert.Equal(("1", "BrandA"), (byId["9"].ConversationId, byId["9"].Brand));
        Assert.Equal(("1:BrandB", "BrandB"), (byId["20"].ConversationId, byId["20"].Brand));
    }

    [Fact]
    public void ReadEvents_EarlierOutboundLaterInFile_BrandIsEarliestByTime()
    {
        var (_, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@BrandA help,,",
            "2,BrandB,False,Tue Oct 31 22:09:00 +0000 2017,@cust1 b,,1",
            "3,BrandA,False,Tue Oct 31 22:08:00 +0000 2017,@cust1 a,,1");

        Assert.Equal("BrandA", events.Single(e => e.Id == "1").Brand);
        Assert.Equal("1:BrandB", events.Single(e => e.Id == "2").ConversationId);
    }

    [Fact]
    public void ReadEvents_NoOutboundInTree_BrandFromFirstKnownHandleInRootTextIgnoringCase()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,hey @friend and @ACMEHELP: mail me@example.com,,",
            "2,cust1,True,Tue Oct 31 22:01:00 +0000 2017,@acmehelp anyone?,,1",
            // AcmeHelp is a known brand through its outbound tweet in another tree.
            "3,cust2,True,Tue Oct 31 21:00:00 +0000 2017,@AcmeHelp hi,4,",
            "4,AcmeHelp,False,Tue Oct 31 21:01:00 +0000 2017,@cust2 hello,,3");

        var thread = events.Where(e => e.Id is "1" or "2").ToList();
        Assert.Equal(2, thread.Count);
        Assert.All(thread, e => Assert.Equal(("1", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal((2, 0), (importer.Result.Trees, importer.Result.UnattributedTrees));
    }

    [Fact]
    public void Open_NoOutboundAndNoKnownHandle_CountsTreeUnattributedAndSkipsIt()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@nobody help,,",
            "2,cust1,True,Tue Oct 31 22:01:00 +0000 2017,@AcmeHelp still nothing,,1",
            "3,cust2,True,Tue Oct 31 21:00:00 +0000 2017,@AcmeHelp hi,4,",
            "4,AcmeHelp,False,Tue Oct 31 21:01:00 +0000 2017,@cust2 hello,,3");

        Assert.Equal(["3", "4"], events.Select(e => e.Id));
        var result = importer.Result;
        Assert.Equal((4, 2, 2, 1, 2), (result.RowsRead, result.EventsProduced, result.Trees, result.UnattributedTrees, result.UnattributedTweets));
    }

    [Fact]
    public void ReadEvents_ParentNotInFile_TweetIsRoot()
    {
        var (importer, events) = Import(
            Header,
            "5,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp again,6,999",
            "6,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 sorry,,5");

        Assert.All(events, e => Assert.Equal(("5", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal(1, importer.Result.Trees);
    }

    [Fact]
    public void ReadEvents_ParentRowRejected_ReplyIsRoot()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Foo,@AcmeHelp help,2,",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 hi,3,1",
            "3,cust1,True,Tue Oct 31 22:02:00 +0000 2017,@AcmeHelp ok,,2");

        Assert.Equal(["2", "3"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(("2", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal((1, 1), (importer.Result.Trees, importer.Result.RowsRejected));
    }

    [Fact]
    public void Open_ReplyCycle_TerminatesAndRootsAtEarliestMember()
    {
        var (importer, events) = Import(
            Header,
            "5,cust1,True,Tue Oct 31 22:02:00 +0000 2017,@AcmeHelp a,,6",
            "6,cust1,True,Tue Oct 31 22:01:00 +0000 2017,@AcmeHelp b,,7",
            "7,AcmeHelp,False,Tue Oct 31 22:03:00 +0000 2017,@cust1 c,,5",
            "8,AcmeHelp,False,Tue Oct 31 22:04:00 +0000 2017,@cust1 d,,7",
            "9,cust2,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp self,,9");

        Assert.Equal(5, events.Count);
        Assert.All(events.Where(e => e.Id != "9"), e => Assert.Equal(("6", "AcmeHelp"), (e.ConversationId, e.Brand)));
        Assert.Equal(("9", "AcmeHelp"), (events[4].ConversationId, events[4].Brand));
        Assert.Equal(2, importer.Result.Trees);
    }

    [Fact]
    public void Open_BadCreatedAt_RejectsRowWithLineNumberAndKeepsTheRest()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,2,",
            "2,AcmeHelp,False,Tue Foo,@cust1 hi,,1",
            "3,AcmeHelp,False,Tue Oct 31 22:02:00 +0000 2017,@cust1 hello,,1");

        Assert.Equal(["1", "3"], events.Select(e => e.Id));
        Assert.All(events, e => Assert.Equal(("1", "AcmeHelp"), (e.ConversationId, e.Brand)));
        var result = importer.Result;
        Assert.Equal((3, 2, 1), (result.RowsRead, result.EventsProduced, result.RowsRejected));
        Assert.Equal([new RejectedLine(3, "created_at invalid: 'Tue Foo'")], result.Rejected);
        Assert.Equal(1, result.RejectedByReason["created_at invalid"]);
    }

    [Fact]
    public void Open_InvalidFields_RejectedWithTheColumnNamed()
    {
        var (importer, events) = Import(
            Header,
            ",cust1,True,Tue Oct 31 22:00:00 +0000 2017,x,,",
            "3.5,cust1,True,Tue Oct 31 22:00:00 +0000 2017,x,,",
            "4,,True,Tue Oct 31 22:00:00 +0000 2017,x,,",
            "5,cust1,maybe,Tue Oct 31 22:00:00 +0000 2017,x,,",
            "6,cust1,True,Tue Oct 31 22:00:00 +0000 2017,x,,abc",
            "7,cust1,True,Tue Oct 31 22:00:00 +0000 2017,x, unquoted, comma,",
            "8,cust1,,Tue Oct 31 22:00:00 +0000 2017,x,,",
            "9,AcmeHelp,False,Tue Oct 31 22:00:00 +0000 2017,fine,,");

        Assert.Equal(["9"], events.Select(e => e.Id));
        Assert.Equal(
            [
                new RejectedLine(2, "tweet_id missing"),
                new RejectedLine(3, "tweet_id invalid: '3.5'"),
                new RejectedLine(4, "author_id missing"),
                new RejectedLine(5, "inbound invalid: 'maybe'"),
                new RejectedLine(6, "in_response_to_tweet_id invalid: 'abc'"),
                new RejectedLine(7, "field count invalid: 8, header has 7"),
                new RejectedLine(8, "inbound missing"),
            ],
            importer.Result.Rejected);
        Assert.Equal(8, importer.Result.RowsRead);
    }

    [Fact]
    public void Open_IsoCreatedAt_Accepted()
    {
        var (importer, events) = Import(
            Header,
            "1,cust1,True,2017-10-31 22:10:47+00:00,@AcmeHelp a,,",
            "2,AcmeHelp,False,2017-10-31T23:10:48+01:00,@cust1 b,,1",
            "3,cust1,True,2017-10-31T22:10:49Z,@AcmeHelp c,,2");

        Assert.Equal(0, importer.Result.RowsRejected);
        Assert.Equal(
            [Utc("2017-10-31T22:10:47Z"), Utc("2017-10-31T22:10:48Z"), Utc("2017-10-31T22:10:49Z")],
            events.Select(e => e.Timestamp));
    }

    [Fact]
    public void Open_HeaderWithoutRequiredColumn_ThrowsInvalidData()
    {
        var path = Write("tweet_id,author_id,inbound,text,response_tweet_id,in_response_to_tweet_id\n1,a,True,x,,\n");

        var error = Assert.Throws<InvalidDataException>(() => TwcsImporter.Open(path));
        Assert.Contains("created_at", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ReadEvents_Enumerated_OpensFileAgainLazilyAndRepeatsEvents()
    {
        var bytes = Encoding.UTF8.GetBytes(string.Join('\n',
            Header,
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,2,",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 hi,,1"));
        var opened = 0;

        var importer = TwcsImporter.Open(() => { opened++; return new MemoryStream(bytes); });
        var events = importer.ReadEvents();
        Assert.Equal(1, opened);

        var first = events.ToList();
        var second = events.ToList();
        Assert.Equal(3, opened);
        Assert.Equal(2, first.Count);
        Assert.Equal(first, second);
    }

    [Fact]
    public void ReadEvents_DifferentText_DifferentDigest()
    {
        string[] rows =
        [
            "1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,@AcmeHelp help,2,",
            "2,AcmeHelp,False,Tue Oct 31 22:01:00 +0000 2017,@cust1 hi,,1",
        ];
        var (_, original) = Import([Header, .. rows]);
        var (_, edited) = Import(Header, rows[0], rows[1].Replace("hi", "hello", StringComparison.Ordinal));

        Assert.Equal(original[0].Digest, edited[0].Digest);
        Assert.NotEqual(original[1].Digest, edited[1].Digest);
        // The text itself, and the reply's near-duplicate keys, differ too; nothing else.
        Assert.Equal("@cust1 hello", edited[1].Extras!.Text);
        Assert.NotEqual(original[1].Extras!.Sketch, edited[1].Extras!.Sketch);
        Assert.Equal(original[1] with { Digest = 0, Extras = null }, edited[1] with { Digest = 0, Extras = null });
    }

    [Fact]
    public void ReadEvents_FileChangedBetweenPasses_ThrowsInvalidData()
    {
        var path = Write(string.Join('\n', Header, "1,AcmeHelp,False,Tue Oct 31 22:00:00 +0000 2017,hi,,"));
        var importer = TwcsImporter.Open(path);
        File.WriteAllText(path, string.Join('\n', Header, "2,AcmeHelp,False,Tue Oct 31 22:00:00 +0000 2017,hi,,"));

        Assert.Throws<InvalidDataException>(() => importer.ReadEvents().ToList());
    }

    private (TwcsImporter Importer, List<CareEvent> Events) Import(params string[] lines)
    {
        var importer = TwcsImporter.Open(Write(string.Join('\n', lines) + "\n"));
        var events = importer.ReadEvents().ToList();
        Assert.Equal(importer.Result.EventsProduced, events.Count);
        return (importer, events);
    }

    private string Write(string content)
    {
        var path = Path.Combine(folder.FullName, $"{Guid.NewGuid():N}.csv");
        File.WriteAllText(path, content, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false));
        return path;
    }

    private static long Utc(string iso) => Time.FromDateTimeOffset(DateTimeOffset.Parse(iso, CultureInfo.InvariantCulture));

    /// <summary>The digest of root tweet 1 of the bare-CR test, computed from a file that spells its text with a plain space.</summary>
    private ulong Digest(string text)
    {
        var (_, events) = Import(
            Header,
            $"1,cust1,True,Tue Oct 31 22:00:00 +0000 2017,\"{text}\",2,",
            "2,AcmeHelp,False,Tue Oct 31 22:05:00 +0000 2017,@cust1 hi,,1");
        return events[0].Digest;
    }
}
