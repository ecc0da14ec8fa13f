using System.Collections;

namespace Analytics.Ingest;

/// <summary>
/// The end of pass 1 (METRICS-SPEC section 7): links each tweet to its parent, finds each reply
/// tree's root, picks the tree's brand, and decides which brand and conversation each event gets.
/// Works on arrays indexed by row; no per-tweet objects, no hash table over all tweet ids.
/// </summary>
internal static class TwcsTreeResolver
{
    private const int NoRow = -1;
    private const int OnPath = -2;

    public static TwcsTrees Resolve(TwcsTweetTable table)
    {
        var roots = FindRoots(table, ParentRows(table));
        var brandOfRoot = BrandsOfRoots(table, roots);

        var count = table.Count;
        // Pass 2 needs brand names only; the author pool (mostly customers) is left to the GC.
        var brandNames = new List<string>();
        var brandOfAuthor = new int[table.AuthorNames.Count];
        Array.Fill(brandOfAuthor, NoRow);
        var eventBrands = new int[count];
        var otherBrand = new BitArray(count);
        long trees = 0, unattributedTrees = 0, unattributedTweets = 0, foreign = 0;
        for (var row = 0; row < count; row++)
        {
            var root = roots[row];
            var brand = brandOfRoot[root];
            if (root == row)
            {
                trees++;
                unattributedTrees += brand == NoRow ? 1 : 0;
            }

            if (brand == NoRow)
            {
                unattributedTweets++;
                eventBrands[row] = NoRow;
                continue;
            }

            var author = table.Authors[row];
            if (table.Outbound[row] && !SameAccount(table.AuthorNames, author, brand))
            {
                // Another brand answered in this tree: its reply counts for that brand, in a conversation of its own.
                brand = author;
                otherBrand[row] = true;
                foreign++;
            }

            ref var index = ref brandOfAuthor[brand];
            if (index == NoRow)
            {
                index = brandNames.Count;
                brandNames.Add(table.AuthorNames[brand]);
            }

            eventBrands[row] = index;
        }

        return new TwcsTrees(table.Ids, roots, eventBrands, otherBrand, [.. brandNames], trees, unattributedTrees, unattributedTweets, foreign);
    }

    /// <summary>Twitter handles are case-insensitive: "AppleSupport" and "applesupport" are one account.</summary>
    private static bool SameAccount(NamePool authors, int a, int b) =>
        a == b || string.Equals(authors[a], authors[b], StringComparison.OrdinalIgnoreCase);

    /// <summary>Row of each tweet's parent, or NoRow when it answers nothing or a tweet not in the file.</summary>
    private static int[] ParentRows(TwcsTweetTable table)
    {
        // Sorted ids and binary search: 12 bytes a tweet, against ~24 for a Dictionary<long, int>.
        var count = table.Count;
        var ids = new long[count];
        var rows = new int[count];
        for (var row = 0; row < count; row++)
        {
            ids[row] = table.Ids[row];
            rows[row] = row;
        }

        Array.Sort(ids, rows);

        // A tweet id on several rows: replies link to its first row.
        var distinct = 0;
        for (var i = 0; i < count; i++)
        {
            if (distinct > 0 && ids[distinct - 1] == ids[i])
            {
                rows[distinct - 1] = Math.Min(rows[distinct - 1], rows[i]);
                continue;
            }

            ids[distinct] = ids[i];
            rows[distinct] = rows[i];
            distinct++;
        }

        var parents = new int[count];
        for (var row = 0; row < count; row++)
        {
            var parentId = table.Parents[row];
            var at = parentId == TwcsRowReader.NoParent ? -1 : Array.BinarySearch(ids, 0, distinct, parentId);
            parents[row] = at >= 0 ? rows[at] : NoRow;
        }

        return parents;
    }

    /// <summary>
    /// The root row of each tweet: follow parents up while the parent is in the file. Iterative (reply
    /// chains can be long) and memoised, so each row is walked once. A cycle, which real replies cannot
    /// form but a corrupt file can, is rooted at its earliest member by (time, id), wherever it is entered.
    /// </summary>
    private static int[] FindRoots(TwcsTweetTable table, int[] parents)
    {
        var roots = new int[parents.Length];
        Array.Fill(roots, NoRow);
        var path = new List<int>();
        for (var start = 0; start < roots.Length; start++)
        {
            if (roots[start] != NoRow)
            {
                continue;
            }

            path.Clear();
            var row = start;
            int root;
            while (true)
            {
                if (roots[row] >= 0)
                {
                    root = roots[row];
                    break;
                }

                if (roots[row] == OnPath)
                {
                    root = row;
                    for (var i = path.LastIndexOf(row); i < path.Count; i++)
                    {
                        root = table.IsEarlier(path[i], root) ? path[i] : root;
                    }

                    break;
                }

                roots[row] = OnPath;
                path.Add(row);
                if (parents[row] == NoRow)
                {
                    root = row;
                    break;
                }

                row = parents[row];
            }

            foreach (var member in path)
            {
                roots[member] = root;
            }
        }

        return roots;
    }

    /// <summary>
    /// The brand's author id per root row (NoRow elsewhere and for unattributed trees): the author of
    /// the tree's first outbound tweet by (time, id); else the first @handle of the root's text that
    /// names a known brand, i.e. an author with outbound tweets anywhere in the file.
    /// </summary>
    private static int[] BrandsOfRoots(TwcsTweetTable table, int[] roots)
    {
        var firstOutbound = new int[roots.Length];
        Array.Fill(firstOutbound, NoRow);
        var isBrand = new bool[table.AuthorNames.Count];
        for (var row = 0; row < roots.Length; row++)
        {
            if (!table.Outbound[row])
            {
                continue;
            }

            isBrand[table.Authors[row]] = true;
            ref var first = ref firstOutbound[roots[row]];
            if (first == NoRow || table.IsEarlier(row, first))
            {
                first = row;
            }
        }

        // Known brands by case-insensitive name; of spellings differing only in case, the ordinal-smallest wins, whatever the row order.
        var brandsByName = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        for (var author = 0; author < isBrand.Length; author++)
        {
            var name = table.AuthorNames[author];
            if (isBrand[author] && (!brandsByName.TryGetValue(name, out var known) || string.CompareOrdinal(name, table.AuthorNames[known]) < 0))
            {
                brandsByName[name] = author;
            }
        }

        var brands = new int[roots.Length];
        Array.Fill(brands, NoRow);
        for (var row = 0; row < roots.Length; row++)
        {
            if (roots[row] != row)
            {
                continue;
            }

            if (firstOutbound[row] != NoRow)
            {
                brands[row] = table.Authors[firstOutbound[row]];
                continue;
            }

            foreach (var handle in table.HandlesOf(row))
            {
                if (brandsByName.TryGetValue(handle, out var brand))
                {
                    brands[row] = brand;
                    break;
                }
            }
        }

        return brands;
    }
}
