using System.Text.Json;
using Analytics.Alerts;
using Analytics.Models;

namespace Analytics.Reporting;

/// <summary>
/// A brand's alert rules as GET /api/brands/{brand}/alerts answers them: the rules as set and
/// each webhook's address, never its secret (<see cref="WebhookView.HasSecret"/> says whether
/// one is held). PUT takes the same shape with "secret" instead; a webhook sent without one keeps
/// the secret held for its address.
/// </summary>
/// <param name="Rules">The rules, in judging order.</param>
/// <param name="Webhooks">The webhooks.</param>
public sealed record AlertRulesView(AlertRule[] Rules, WebhookView[] Webhooks)
{
    /// <summary>Most rules a brand may have.</summary>
    public const int MaxRules = 20;

    /// <summary>Most webhooks a brand may have.</summary>
    public const int MaxWebhooks = 10;

    private const double MaxSeconds = 7 * 86400;

    private static readonly Dictionary<string, string[]> FieldsOf = new(StringComparer.Ordinal)
    {
        [AlertRule.SlaBreachForecast] = ["withinSeconds"],
        [AlertRule.ResponseRateBelow] = ["threshold", "windowSeconds", "minOpened"],
        [AlertRule.BacklogGrowth] = ["perMinuteAbove", "windowSeconds"],
    };

    /// <summary>The view of a brand's rules.</summary>
    public static AlertRulesView Of(AlertRules rules)
    {
        ArgumentNullException.ThrowIfNull(rules);
        return new(rules.Rules, Array.ConvertAll(rules.Webhooks, w => new WebhookView(w.Url, w.Secret is not null)));
    }

    /// <summary>
    /// Reads a PUT body: the rules, or an error naming the field and what is wrong with it
    /// (<c>rules[1].threshold must be a number from 0 to 1</c>).
    /// </summary>
    public static Task<(AlertRules? Rules, string? Error)> ParseAsync(Stream body, bool allowPrivateTargets, CancellationToken cancellationToken) =>
        JsonBody.ReadAsync<AlertRules>(body, root =>
        {
            try
            {
                return (Parse(root, allowPrivateTargets), null);
            }
            catch (FormatException e)
            {
                return (null, e.Message);
            }
        }, cancellationToken);

    private static AlertRules Parse(JsonElement root, bool allowPrivateTargets)
    {
        if (root.ValueKind != JsonValueKind.Object) throw new FormatException("the body must be a JSON object {\"rules\": [...], \"webhooks\": [...]}");
        foreach (var p in root.EnumerateObject())
        {
            if (p.Name is not ("rules" or "webhooks")) throw new FormatException($"{p.Name} is not a field (rules, webhooks)");
        }
        var rules = ArrayOf("rules", root, required: true);
        var webhooks = ArrayOf("webhooks", root, required: false);
        if (rules.Count > MaxRules) throw new FormatException($"rules: at most {MaxRules}");
        if (webhooks.Count > MaxWebhooks) throw new FormatException($"webhooks: at most {MaxWebhooks}");
        return new AlertRules(
            [.. rules.Select((r, i) => Rule(r, $"rules[{i}]"))],
            [.. webhooks.Select((w, i) => Webhook(w, $"webhooks[{i}]", allowPrivateTargets))]);
    }

    private static List<JsonElement> ArrayOf(string name, JsonElement root, bool required)
    {
        if (!root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null)
        {
            return required ? throw new FormatException($"{name} must be an array (empty for none)") : [];
        }
        if (value.ValueKind != JsonValueKind.Array) throw new FormatException($"{name} must be an array");
        return [.. value.EnumerateArray()];
    }

    private static AlertRule Rule(JsonElement rule, string at)
    {
        if (rule.ValueKind != JsonValueKind.Object) throw new FormatException($"{at} must be an object with a kind");
        var kind = rule.TryGetProperty("kind", out var k) && k.ValueKind == JsonValueKind.String ? k.GetString()! : null;
        if (kind is null || !FieldsOf.TryGetValue(kind, out var fields))
        {
            throw new FormatException($"{at}.kind must be one of {string.Join(", ", FieldsOf.Keys)}");
        }
        foreach (var p in rule.EnumerateObject())
        {
            if (p.Name != "kind" && !fields.Contains(p.Name)) throw new FormatException($"{at}.{p.Name} is not a field of {kind} ({string.Join(", ", fields)})");
        }
        double Number(string name, double min, double max, string what, double? otherwise = null)
        {
            if (!rule.TryGetProperty(name, out var v) || v.ValueKind == JsonValueKind.Null)
            {
                return otherwise ?? throw new FormatException($"{at}.{name} is required: {what}");
            }
            if (v.ValueKind != JsonValueKind.Number || !v.TryGetDouble(out var d) || !(d >= min && d <= max)) throw new FormatException($"{at}.{name} must be {what}");
            return d;
        }
        var seconds = $"a number of seconds from 60 to {MaxSeconds:0}";
        return kind switch
        {
            AlertRule.SlaBreachForecast => new AlertRule(kind, WithinSeconds: Number("withinSeconds", 1, MaxSeconds, $"a number of seconds from 1 to {MaxSeconds:0}")),
            AlertRule.ResponseRateBelow => new AlertRule(kind,
                Threshold: Number("threshold", 0, 1, "a number from 0 to 1"),
                WindowSeconds: Number("windowSeconds", 60, MaxSeconds, seconds),
                MinOpened: Whole(Number("minOpened", 0, 1_000_000, "a whole number from 0 to 1000000", otherwise: 1), $"{at}.minOpened")),
            _ => new AlertRule(kind,
                PerMinuteAbove: Number("perMinuteAbove", 0, 1e9, "a number of customers per minute, 0 or more"),
                WindowSeconds: Number("windowSeconds", 120, MaxSeconds, $"a number of seconds from 120 to {MaxSeconds:0}")),
        };
    }

    private static int Whole(double value, string at) =>
        value == Math.Floor(value) ? (int)value : throw new FormatException($"{at} must be a whole number");

    private static AlertWebhook Webhook(JsonElement hook, string at, bool allowPrivateTargets)
    {
        if (hook.ValueKind != JsonValueKind.Object) throw new FormatException($"{at} must be an object {{url, secret}}");
        foreach (var p in hook.EnumerateObject())
        {
            if (p.Name is not ("url" or "secret")) throw new FormatException($"{at}.{p.Name} is not a field of a webhook (url, secret)");
        }
        var url = hook.TryGetProperty("url", out var u) && u.ValueKind == JsonValueKind.String ? u.GetString() : null;
        if (WebhookTargets.Check(url, allowPrivateTargets) is { } problem) throw new FormatException($"{at}.url {problem}");
        string? secret = null;
        if (hook.TryGetProperty("secret", out var s) && s.ValueKind != JsonValueKind.Null)
        {
            secret = s.ValueKind == JsonValueKind.String && s.GetString() is { Length: > 0 and <= 1024 } text ? text : throw new FormatException($"{at}.secret must be a string of 1 to 1024 characters");
        }
        return new AlertWebhook(url!, secret);
    }
}

/// <summary>A webhook as GET answers it: its address and whether a secret signs its bodies.</summary>
/// <param name="Url">The address.</param>
/// <param name="HasSecret">True when a secret is held.</param>
public sealed record WebhookView(string Url, bool HasSecret);
