using System.Buffers;
using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Analytics.Models;
using Analytics.Text;

namespace Analytics.Ingest;

/// <summary>
/// Imports the Kaggle "Customer Support on Twitter" file (twcs.csv) as events, following
/// METRICS-SPEC section 7. Reply trees need the whole file before the first event can be labelled, so
/// the file is read twice: <see cref="Open(Func{Stream}, CancellationToken)"/> runs pass 1, keeping
/// only a few numbers per tweet, and <see cref="ReadEvents"/> streams pass 2 in file order. Memory
/// grows with the number of tweets, never with the texts: under 70 bytes a tweet at the end of pass 1
/// on a twcs-sized file (2.8 M tweets, names included), 16 bytes a tweet while pass 2 streams.
/// </summary>
public sealed class TwcsImporter
{
    /// <summary>Channel of every imported event.</summary>
    public const string Channel = "twitter";

    /// <summary>How many rejected rows <see cref="TwcsImportResult.Rejected"/> lists; all are counted.</summary>
    public const int MaxRejectedLinesKept = 1000;

    private readonly Func<Stream> openFile;
    private readonly TwcsTrees trees;

    private TwcsImporter(Func<Stream> openFile, TwcsTrees trees, TwcsImportResult result)
    {
        this.openFile = openFile;
        this.trees = trees;
        Result = result;
    }

    /// <summary>The counts: rows read and rejected, events, trees, unattributed trees.</summary>
    public TwcsImportResult Result { get; }

    /// <summary>Runs pass 1 over the file at <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">The header row is missing or lacks a required column.</exception>
    public static TwcsImporter Open(string path, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        return Open(
            () => new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, bufferSize: 1 << 16, FileOptions.SequentialScan),
            cancellationToken);
    }

    /// <summary>Runs pass 1: reads every row, resolves reply trees and brands, counts.</summary>
    /// <param name="openFile">Opens the file from its start; called once now and once per <see cref="ReadEvents"/>. The stream is disposed after use.</param>
    /// <param name="cancellationToken">Stops pass 1.</param>
    /// <exception cref="InvalidDataException">The header row is missing or lacks a required column.</exception>
    public static TwcsImporter Open(Func<Stream> openFile, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(openFile);
        var table = new TwcsTweetTable();
        var rejected = new List<RejectedLine>();
        var rejectedByReason = new Dictionary<string, long>(StringComparer.Ordinal);
        long rowsRead = 0, rowsRejected = 0;
        using (var rows = new TwcsRowReader(openFile()))
        {
            while (rows.Read())
            {
                cancellationToken.ThrowIfCancellationRequested();
                rowsRead++;
                if (rows.RejectReason is not { } reason)
                {
                    table.Add(rows);
                    continue;
                }

                var line = new RejectedLine(rows.Line, reason);
                rowsRejected++;
                rejectedByReason[line.Category] = rejectedByReason.GetValueOrDefault(line.Category) + 1;
                if (rejected.Count < MaxRejectedLinesKept)
                {
                    rejected.Add(line);
                }
            }
        }

        var trees = TwcsTreeResolver.Resolve(table);
        var result = new TwcsImportResult(
            rowsRead,
            table.Count - trees.UnattributedTweets,
            rowsRejected,
            rejected,
            rejectedByReason,
            trees.Trees,
            trees.UnattributedTrees,
            trees.UnattributedTweets,
            trees.ForeignBrandTweets);
        return new TwcsImporter(openFile, trees, result);
    }

    /// <summary>
    /// Pass 2: streams the events in file order, lazily; each enumeration reads the file again.
    /// Rejected rows and unattributed trees yield nothing (they are in <see cref="Result"/>).
    /// </summary>
    /// <exception cref="InvalidDataException">The file changed since pass 1.</exception>
    public IEnumerable<CareEvent> ReadEvents(CancellationToken cancellationToken = default)
    {
        using var rows = new TwcsRowReader(this.openFile());
        var row = 0;
        while (rows.Read())
        {
            cancellationToken.ThrowIfCancellationRequested();
            if (rows.RejectReason is not null)
            {
                continue;
            }

            if (ToEvent(rows, row++) is { } careEvent)
            {
                yield return careEvent;
            }
        }

        if (row != this.trees.Ids.Count)
        {
            throw FileChanged(rows.Line);
        }
    }

    private CareEvent? ToEvent(TwcsRowReader rows, int row)
    {
        // Pass 2 parses exactly as pass 1 did, so valid rows line up unless the file was rewritten in between.
        if (row >= this.trees.Ids.Count || this.trees.Ids[row] != rows.TweetId)
        {
            throw FileChanged(rows.Line);
        }

        var brandIndex = this.trees.EventBrands[row];
        if (brandIndex < 0)
        {
            return null;
        }

        var id = rows.TweetId.ToString(CultureInfo.InvariantCulture);
        var brand = this.trees.BrandNames[brandIndex];
        var root = this.trees.Ids[this.trees.Roots[row]].ToString(CultureInfo.InvariantCulture);
        var conversationId = this.trees.OtherBrand[row] ? $"{root}:{brand}" : root;
        var direction = rows.Inbound ? Direction.Inbound : Direction.Outbound;
        var (author, text) = (rows.Author.ToString(), rows.Text.ToString());
        var (complaint, extras) = TextFacts.Of(direction, author, text);
        var e = new CareEvent(id, EventKind.Message, brand, Channel, conversationId, direction, rows.Timestamp, 0, complaint, extras);
        var inReplyTo = rows.ParentId == TwcsRowReader.NoParent ? null : rows.ParentId.ToString(CultureInfo.InvariantCulture);
        // The same digest, complaint flag and extras the NDJSON parser gives this tweet written as an event line.
        return e with { Digest = CanonicalJson.DigestOf(e, author, text, inReplyTo) };
    }

    private static InvalidDataException FileChanged(long line) =>
        new($"twcs: line {line}: the file changed between the two import passes.");

}
