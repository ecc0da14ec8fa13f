using Analytics.Models;

namespace Analytics.Domain;

/// <summary>The as-of-independent facts of one conversation (METRICS-SPEC section 2).</summary>
/// <param name="MaxTimestamp">Latest event time, or long.MinValue for no events.</param>
/// <param name="Cohort">t0, channel and FRT; null without an inbound message.</param>
/// <param name="WaitingSince">Start of the waiting period still running after the last event.</param>
/// <param name="Activity">Activity per (minute, channel), in order of first appearance.</param>
public sealed record ConversationShape(long MaxTimestamp, Cohort? Cohort, long? WaitingSince, ActivityCell[] Activity)
{
    /// <summary>
    /// Derives the shape from events in <see cref="EventOrder"/>: waiting periods start at an
    /// inbound message when none runs and end at the next outbound message; each end is a
    /// response counted in the minute and channel of the ending message.
    /// </summary>
    public static ConversationShape Of(IReadOnlyList<ConversationEvent> ordered)
    {
        long? t0 = null, firstEnd = null, running = null;
        var channel = "";
        var maxTimestamp = long.MinValue;
        var cells = new List<CellBuilder>(2);
        foreach (var e in ordered)
        {
            maxTimestamp = Math.Max(maxTimestamp, e.Timestamp);
            var cell = CellFor(cells, Time.MinuteOf(e.Timestamp), e.Channel);
            switch (e.Kind)
            {
                case EventKind.Follow:
                    cell.Follows++;
                    continue;
                case EventKind.Unfollow:
                    cell.Unfollows++;
                    continue;
            }
            if (e.Direction == Direction.Inbound)
            {
                cell.Inbound++;
                if (t0 is null)
                {
                    t0 = e.Timestamp;
                    channel = e.Channel;
                }
                running ??= e.Timestamp;
            }
            else
            {
                cell.Outbound++;
                if (running is { } start)
                {
                    cell.Responses++;
                    cell.ResponseTimeSum += e.Timestamp - start;
                    firstEnd ??= e.Timestamp;
                    running = null;
                }
            }
        }
        var cohort = t0 is { } first ? new Cohort(first, channel, firstEnd - first) : null;
        return new ConversationShape(maxTimestamp, cohort, running, cells.ConvertAll(c => c.Build()).ToArray());
    }

    private static CellBuilder CellFor(List<CellBuilder> cells, long minute, string channel)
    {
        foreach (var c in cells)
        {
            if (c.Minute == minute && c.Channel == channel) return c;
        }
        var cell = new CellBuilder(minute, channel);
        cells.Add(cell);
        return cell;
    }

    private sealed class CellBuilder(long minute, string channel)
    {
        public long Minute { get; } = minute;
        public string Channel { get; } = channel;
        public int Inbound, Outbound, Responses, Follows, Unfollows;
        public long ResponseTimeSum;

        public ActivityCell Build() => new(Minute, Channel, Inbound, Outbound, Responses, ResponseTimeSum, Follows, Unfollows);
    }
}
