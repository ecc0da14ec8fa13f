using System.Globalization;
using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Parsers for the values of twcs.csv, lenient in the ways other tools rewrite the file (pandas turns
/// ids into floats, booleans come in several spellings) and strict otherwise, so that a shifted
/// column is rejected rather than misread.
/// </summary>
internal static class TwcsValues
{
    private static readonly string[] Weekdays = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];
    private static readonly string[] Months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

    // A file round-tripped through pandas may hold created_at as ISO-8601 instead of Twitter's format.
    private static readonly string[] IsoFormats =
    [
        "yyyy-MM-dd'T'HH:mm:ss.FFFFFFFK",
        "yyyy-MM-dd HH:mm:ss.FFFFFFFK",
    ];

    /// <summary>Empty, or a missing-value marker written by pandas, R or Python.</summary>
    public static bool IsAbsent(ReadOnlySpan<char> value)
    {
        value = value.Trim();
        return value.IsEmpty
            || value.Equals("nan", StringComparison.OrdinalIgnoreCase)
            || value.Equals("NA", StringComparison.OrdinalIgnoreCase)
            || value.Equals("null", StringComparison.OrdinalIgnoreCase)
            || value.Equals("None", StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>A non-negative integer id, also written as a float ("3.0", "3e0"); a fraction is invalid.</summary>
    public static bool TryParseId(ReadOnlySpan<char> value, out long id)
    {
        value = value.Trim();
        if (long.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out id))
        {
            return true;
        }

        // decimal holds every long exactly, unlike double (tweet ids exceed 2^53).
        if (decimal.TryParse(value, NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var number)
            && number == decimal.Truncate(number)
            && number <= long.MaxValue)
        {
            id = (long)number;
            return true;
        }

        id = -1;
        return false;
    }

    /// <summary>True/False in any case, or 1/0 (also as floats).</summary>
    public static bool TryParseInbound(ReadOnlySpan<char> value, out bool inbound)
    {
        value = value.Trim();
        if (value.Equals("true", StringComparison.OrdinalIgnoreCase) || value is "1" or "1.0")
        {
            inbound = true;
            return true;
        }

        inbound = false;
        return value.Equals("false", StringComparison.OrdinalIgnoreCase) || value is "0" or "0.0";
    }

    /// <summary>Twitter's "Tue Oct 31 22:10:47 +0000 2017", or ISO-8601, to UTC microseconds.</summary>
    public static bool TryParseCreatedAt(ReadOnlySpan<char> value, out long micros)
    {
        value = value.Trim();
        if (TryParseTwitterTime(value, out micros))
        {
            return true;
        }

        if (DateTimeOffset.TryParseExact(value, IsoFormats, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            micros = Time.FromDateTimeOffset(parsed);
            return true;
        }

        micros = 0;
        return false;
    }

    /// <summary>
    /// Finds the next @handle (letters, digits, underscore) at or after <paramref name="position"/>.
    /// An '@' preceded by a handle character is part of an e-mail address, not a mention.
    /// </summary>
    public static bool TryFindHandle(ReadOnlySpan<char> text, ref int position, out Range handle)
    {
        while (position < text.Length)
        {
            var at = text[position..].IndexOf('@');
            if (at < 0)
            {
                break;
            }

            at += position;
            var end = at + 1;
            while (end < text.Length && IsHandleChar(text[end]))
            {
                end++;
            }

            position = end;
            if (end > at + 1 && (at == 0 || !IsHandleChar(text[at - 1])))
            {
                handle = (at + 1)..end;
                return true;
            }
        }

        position = text.Length;
        handle = default;
        return false;
    }

    /// <summary>A value for a rejection reason: quoted, one line, and short enough to keep many of them.</summary>
    public static string Quote(ReadOnlySpan<char> value)
    {
        const int MaxLength = 40;
        var shown = value.Length > MaxLength ? string.Concat(value[..MaxLength], "…") : value.ToString();
        return $"'{shown.ReplaceLineEndings(" ")}'";
    }

    private static bool IsHandleChar(char c) => char.IsAsciiLetterOrDigit(c) || c == '_';

    private static bool TryParseTwitterTime(ReadOnlySpan<char> value, out long micros)
    {
        micros = 0;
        Span<Range> parts = stackalloc Range[7];
        if (value.Split(parts, ' ', StringSplitOptions.RemoveEmptyEntries) != 6)
        {
            return false;
        }

        var weekday = value[parts[0]];
        var month = IndexOf(Months, value[parts[1]]) + 1;
        var day = value[parts[2]];
        var clock = value[parts[3]];
        var offset = value[parts[4]];
        var yearText = value[parts[5]];
        if (IndexOf(Weekdays, weekday) < 0 || month == 0
            || yearText.Length != 4 || !int.TryParse(yearText, NumberStyles.None, CultureInfo.InvariantCulture, out var year) || year < 1
            || day.Length is < 1 or > 2 || !int.TryParse(day, NumberStyles.None, CultureInfo.InvariantCulture, out var dayOfMonth)
            || dayOfMonth < 1 || dayOfMonth > DateTime.DaysInMonth(year, month)
            || clock.Length != 8 || clock[2] != ':' || clock[5] != ':'
            || !TryTwoDigits(clock[..2], 23, out var hour) || !TryTwoDigits(clock[3..5], 59, out var minute) || !TryTwoDigits(clock[6..], 59, out var second)
            || offset.Length != 5 || offset[0] is not ('+' or '-')
            || !TryTwoDigits(offset[1..3], 14, out var offsetHours) || !TryTwoDigits(offset[3..], 59, out var offsetMinutes))
        {
            return false;
        }

        var local = new DateTime(year, month, dayOfMonth, hour, minute, second, DateTimeKind.Utc);
        var offsetMicros = (offsetHours * 60L + offsetMinutes) * Time.MicrosPerMinute * (offset[0] == '-' ? -1 : 1);
        micros = (local.Ticks - DateTime.UnixEpoch.Ticks) / 10 - offsetMicros;
        return true;
    }

    private static bool TryTwoDigits(ReadOnlySpan<char> text, int max, out int value)
    {
        value = 0;
        if (text.Length != 2 || !char.IsAsciiDigit(text[0]) || !char.IsAsciiDigit(text[1]))
        {
            return false;
        }

        value = (text[0] - '0') * 10 + (text[1] - '0');
        return value <= max;
    }

    private static int IndexOf(string[] names, ReadOnlySpan<char> name)
    {
        for (var i = 0; i < names.Length; i++)
        {
            if (name.Equals(names[i], StringComparison.OrdinalIgnoreCase))
            {
                return i;
            }
        }

        return -1;
    }
}
