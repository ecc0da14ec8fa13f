using Analytics.Models;

namespace Analytics.Ingest;

/// <summary>
/// Strict ISO-8601 / RFC 3339 date-time with a mandatory offset, parsed from UTF-8 without
/// allocating: yyyy-MM-ddTHH:mm:ss[.fraction](Z | +hh:mm | +hhmm | +hh). A time without an offset
/// is ambiguous (whose local time?), so it is refused rather than guessed.
/// </summary>
internal static class IsoTimestamp
{
    public enum Outcome : byte
    {
        Ok,
        Invalid,
        NoOffset,
        /// <summary>A valid date-time whose UTC instant lies outside years 1 to 9999.</summary>
        OutOfRange,
    }

    /// <summary>Parses <paramref name="s"/> to UTC microseconds (fractions beyond a microsecond round towards the past).</summary>
    public static Outcome TryParse(ReadOnlySpan<byte> s, out long micros)
    {
        micros = 0;
        if (s.Length < 19 || s[4] != '-' || s[7] != '-' || s[10] is not ((byte)'T' or (byte)'t' or (byte)' ')
            || s[13] != ':' || s[16] != ':'
            || !Number(s, 0, 4, out var year) || !Number(s, 5, 2, out var month) || !Number(s, 8, 2, out var day)
            || !Number(s, 11, 2, out var hour) || !Number(s, 14, 2, out var minute) || !Number(s, 17, 2, out var second)
            || year < 1 || month is < 1 or > 12 || day < 1 || day > DateTime.DaysInMonth(year, month)
            || hour > 23 || minute > 59 || second > 59)
        {
            return Outcome.Invalid;
        }

        var ticks = new DateTime(year, month, day, hour, minute, second, DateTimeKind.Utc).Ticks;
        var pos = 19;
        if (pos < s.Length && s[pos] is (byte)'.' or (byte)',')
        {
            var start = ++pos;
            long fraction = 0;
            for (; pos < s.Length && IsDigit(s[pos]); pos++)
            {
                // Ticks are 100 ns: digits past the seventh cannot change the value.
                if (pos - start < 7)
                {
                    fraction = (fraction * 10) + (s[pos] - '0');
                }
            }
            if (pos == start)
            {
                return Outcome.Invalid;
            }
            for (var digits = pos - start; digits < 7; digits++)
            {
                fraction *= 10;
            }
            ticks += fraction;
        }

        if (pos == s.Length)
        {
            return Outcome.NoOffset;
        }
        if (!Offset(s[pos..], out var offsetTicks))
        {
            return Outcome.Invalid;
        }

        var utcTicks = ticks - offsetTicks;
        if (utcTicks < 0 || utcTicks > DateTime.MaxValue.Ticks)
        {
            return Outcome.OutOfRange;
        }
        micros = Time.FromDateTimeOffset(new DateTimeOffset(utcTicks, TimeSpan.Zero));
        return Outcome.Ok;
    }

    private static bool Offset(ReadOnlySpan<byte> s, out long ticks)
    {
        ticks = 0;
        if (s is [(byte)'Z' or (byte)'z'])
        {
            return true;
        }
        if (s.Length < 3 || s[0] is not ((byte)'+' or (byte)'-') || !Number(s, 1, 2, out var hours) || hours > 23)
        {
            return false;
        }
        var minutes = 0;
        var valid = s.Length switch
        {
            3 => true,
            5 => Number(s, 3, 2, out minutes),
            6 => s[3] == ':' && Number(s, 4, 2, out minutes),
            _ => false,
        };
        if (!valid || minutes > 59)
        {
            return false;
        }
        ticks = ((hours * 60L) + minutes) * TimeSpan.TicksPerMinute * (s[0] == '-' ? -1 : 1);
        return true;
    }

    private static bool Number(ReadOnlySpan<byte> s, int start, int count, out int value)
    {
        value = 0;
        for (var i = start; i < start + count; i++)
        {
            if (!IsDigit(s[i]))
            {
                return false;
            }
            value = (value * 10) + (s[i] - '0');
        }
        return true;
    }

    private static bool IsDigit(byte b) => (uint)(b - '0') <= 9;
}
