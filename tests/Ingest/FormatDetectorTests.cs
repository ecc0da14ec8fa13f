using System.Text;
using Analytics.Ingest;
using Xunit;

namespace Analytics.Tests.Ingest;

public sealed class FormatDetectorTests
{
    [Theory]
    [InlineData("tweet_id,author_id,inbound,created_at,text,response_tweet_id,in_response_to_tweet_id\n1,a,True,x,y,,\n", InputFormat.TwcsCsv)]
    [InlineData(",\"text\",\"Author_ID\",\"tweet_id\"\r\n0,x,a,1", InputFormat.TwcsCsv)]
    [InlineData("\uFEFF\n\n{\"id\":\"1\"}\n", InputFormat.Ndjson)]
    [InlineData("  {\"id\":\"1\"}", InputFormat.Ndjson)]
    [InlineData("id,brand,text\n", InputFormat.Unknown)]
    [InlineData("tweet_id,brand\n", InputFormat.Unknown)]
    [InlineData("", InputFormat.Unknown)]
    public void Detect_FirstBytes_RecognisesFormat(string head, InputFormat expected)
    {
        Assert.Equal(expected, FormatDetector.Detect(Encoding.UTF8.GetBytes(head)));
    }

    [Fact]
    public void Detect_Path_ReadsFileHead()
    {
        var path = Path.GetTempFileName();
        try
        {
            File.WriteAllText(path, "tweet_id,author_id\n1,a\n");
            Assert.Equal(InputFormat.TwcsCsv, FormatDetector.Detect(path));
        }
        finally
        {
            File.Delete(path);
        }
    }
}
