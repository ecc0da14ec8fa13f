using System.Buffers;
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
        ArgumentNullException.ThrowIfNull(ordered);
        long? t0 = null, firstEnd = null, running = null;
        var channel = "";
        var maxTimestamp = long.MinValue;
        // At most one cell per event; a pooled array spares the per-conversation builders.
        var cells = ArrayPool<Cell>.Shared.Rent(Math.Max(1, ordered.Count));
        var count = 0;
        try
        {
            // By index: a foreach over the interface would box the list's enumerator.
            for (var i = 0; i < ordered.Count; i++)
            {
                var e = ordered[i];
                maxTimestamp = Math.Max(maxTimestamp, e.Timestamp);
                ref var cell = ref CellFor(cells, ref count, Time.MinuteOf(e.Timestamp), e.Channel);
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
            var activity = new ActivityCell[count];
            for (var i = 0; i < count; i++)
            {
                ref var c = ref cells[i];
                activity[i] = new ActivityCell(c.Minute, c.Channel, c.Inbound, c.Outbound, c.Responses, c.ResponseTimeSum, c.Follows, c.Unfollows);
            }
            var cohort = t0 is { } first ? new Cohort(first, channel, firstEnd - first) : null;
            return new ConversationShape(maxTimestamp, cohort, running, activity);
        }
        finally
        {
            ArrayPool<Cell>.Shared.Return(cells, clearArray: true);
        }
    }

    /// <summary>This shape as the versioned contribution of conversation <paramref name="conversationId"/> (or of an audience shard).</summary>
    public Contribution ToContribution(string conversationId, int audienceShard, long version) =>
        new(conversationId, audienceShard, version, MaxTimestamp, Cohort, WaitingSince, Activity);

    private static ref Cell CellFor(Cell[] cells, ref int count, long minute, string channel)
    {
        for (var i = 0; i < count; i++)
        {
            if (cells[i].Minute == minute && cells[i].Channel == channel) return ref cells[i];
        }
        cells[count] = new Cell { Minute = minute, Channel = channel };
        return ref cells[count++];
    }

    private struct Cell
    {
        public long Minute;
        public string Channel;
        public int Inbound, Outbound, Responses, Follows, Unfollows;
        public long ResponseTimeSum;
    }
}
