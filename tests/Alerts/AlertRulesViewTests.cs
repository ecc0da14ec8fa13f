using System.Net;
using System.Text;
using Analytics.Alerts;
using Analytics.Models;
using Analytics.Reporting;

namespace Analytics.Tests.Alerts;

public class AlertRulesViewTests
{
    private static Task<(AlertRules? Rules, string? Error)> Parse(string json, bool allowPrivate = false) =>
        AlertRulesView.ParseAsync(new MemoryStream(Encoding.UTF8.GetBytes(json)), allowPrivate, CancellationToken.None);

    [Fact]
    public async Task Parse_TheIssuesExample_TakesEveryRuleAndWebhook()
    {
        var (rules, error) = await Parse("""
            {"rules": [
               {"kind": "slaBreachForecast", "withinSeconds": 600},
               {"kind": "responseRateBelow", "threshold": 0.5, "windowSeconds": 3600, "minOpened": 20},
               {"kind": "backlogGrowth", "perMinuteAbove": 5, "windowSeconds": 900}
             ],
             "webhooks": [{"url": "https://example.org/hook", "secret": "s3cret"}]}
            """);

        Assert.Null(error);
        Assert.Equal(
            [
                new AlertRule(AlertRule.SlaBreachForecast, WithinSeconds: 600),
                new AlertRule(AlertRule.ResponseRateBelow, Threshold: 0.5, WindowSeconds: 3600, MinOpened: 20),
                new AlertRule(AlertRule.BacklogGrowth, PerMinuteAbove: 5, WindowSeconds: 900),
            ],
            rules!.Rules);
        Assert.Equal([new AlertWebhook("https://example.org/hook", "s3cret")], rules.Webhooks);
        // The view never answers the secret.
        Assert.Equal([new WebhookView("https://example.org/hook", true)], AlertRulesView.Of(rules).Webhooks);
    }

    [Theory]
    [InlineData("[]", "the body must be a JSON object")]
    [InlineData("{}", "rules must be an array")]
    [InlineData("""{"rules": [], "hooks": []}""", "hooks is not a field")]
    [InlineData("""{"rules": [{"kind": "slow"}]}""", "rules[0].kind must be one of slaBreachForecast, responseRateBelow, backlogGrowth")]
    [InlineData("""{"rules": [{"kind": "slaBreachForecast"}]}""", "rules[0].withinSeconds is required")]
    [InlineData("""{"rules": [{"kind": "slaBreachForecast", "withinSeconds": 0}]}""", "rules[0].withinSeconds must be a number of seconds from 1")]
    [InlineData("""{"rules": [{"kind": "slaBreachForecast", "withinSeconds": 60}, {"kind": "responseRateBelow", "threshold": 2, "windowSeconds": 3600}]}""", "rules[1].threshold must be a number from 0 to 1")]
    [InlineData("""{"rules": [{"kind": "responseRateBelow", "threshold": 0.5, "windowSeconds": 3600, "minOpened": 2.5}]}""", "rules[0].minOpened must be a whole number")]
    [InlineData("""{"rules": [{"kind": "backlogGrowth", "perMinuteAbove": 5, "windowSeconds": 900, "threshold": 1}]}""", "rules[0].threshold is not a field of backlogGrowth")]
    [InlineData("""{"rules": [{"kind": "backlogGrowth", "perMinuteAbove": -1, "windowSeconds": 900}]}""", "rules[0].perMinuteAbove must be")]
    [InlineData("""{"rules": [], "webhooks": [{"url": "ftp://example.org/x"}]}""", "webhooks[0].url must be http or https")]
    [InlineData("""{"rules": [], "webhooks": [{"url": "http://127.0.0.1:9000/x"}]}""", "webhooks[0].url 127.0.0.1 is loopback, link-local or private")]
    [InlineData("""{"rules": [], "webhooks": [{"url": "http://localhost/x"}]}""", "webhooks[0].url localhost is loopback")]
    [InlineData("""{"rules": [], "webhooks": [{"url": "http://169.254.169.254/latest"}]}""", "webhooks[0].url 169.254.169.254 is loopback, link-local or private")]
    [InlineData("""{"rules": [], "webhooks": [{"url": "https://example.org/x", "secret": 5}]}""", "webhooks[0].secret must be a string")]
    public async Task Parse_BadInput_NamesTheFieldAndWhy(string json, string expected)
    {
        var (rules, error) = await Parse(json);

        Assert.Null(rules);
        Assert.Contains(expected, error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Parse_PrivateTargets_TakenOnlyWhenAllowed()
    {
        const string Json = """{"rules": [], "webhooks": [{"url": "http://127.0.0.1:9000/x"}]}""";

        Assert.NotNull((await Parse(Json)).Error);
        Assert.Null((await Parse(Json, allowPrivate: true)).Error);
    }

    [Theory]
    [InlineData("127.0.0.1", true)]
    [InlineData("10.1.2.3", true)]
    [InlineData("172.20.0.1", true)]
    [InlineData("172.32.0.1", false)]
    [InlineData("192.168.1.1", true)]
    [InlineData("169.254.169.254", true)]
    [InlineData("0.0.0.0", true)]
    [InlineData("::1", true)]
    [InlineData("fe80::1", true)]
    [InlineData("fd00::1", true)]
    [InlineData("::ffff:127.0.0.1", true)]
    [InlineData("93.184.216.34", false)]
    [InlineData("2606:2800:220:1::1", false)]
    public void IsPrivate_ClassifiesAddresses(string address, bool expected) =>
        Assert.Equal(expected, WebhookTargets.IsPrivate(IPAddress.Parse(address)));
}
