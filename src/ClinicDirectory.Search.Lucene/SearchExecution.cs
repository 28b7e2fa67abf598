using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Util;
using System.Numerics;

namespace ClinicDirectory.Search.Lucene;

/// <summary>One facet dimension: a filter whose own values are counted disjunctively.</summary>
internal enum FacetDimension
{
    Conditions,
    Certifications,
    Techniques,
    Cities,
    Languages,
}

/// <summary>"The document has one of these values": a filter of the request.</summary>
internal sealed record Check(string Field, IReadOnlyList<string> Values, FacetDimension? Dimension);

/// <summary>A word of the query: the index terms it matches (itself, or near spellings) and its weight.</summary>
internal sealed record QueryWord(string Word, IReadOnlyList<string> Terms, double Idf);

/// <summary>
/// Runs one search over the segments of a reader. Candidates come from the most selective source (the
/// place's grid cells, the rarest word, the rarest filter) and each is judged from cached bitsets and
/// arrays: words (each must occur; with more than three words, three in four), filters, facet dimensions
/// (a candidate failing only one facet filter counts for that facet), and the exact distance. The score
/// sums each matched word's inverse document frequency, more when it is in the name or a condition. User
/// text is analyzed into words and never parsed as query syntax.
/// </summary>
internal sealed class SearchExecution : IDisposable
{
    private const double NameWeight = 3.0;
    private const double ConditionWeight = 1.5;

    private readonly SearchRequest _request;
    private readonly string _type;
    private readonly SearchSort _sort;
    private readonly TermBitsCache _bits;
    private readonly TaxonomyWords _taxonomyWords;
    private readonly SegmentArrays _arrays;
    private readonly IReadOnlyList<QueryWord> _words;
    private readonly int _requiredWords;
    private readonly List<Check> _checks = [];

    // Which checks are strict filters and which are facet dimensions (with their dimension), and each
    // dimension's word of the candidates being judged.
    private readonly int[] _strictChecks, _dimensionChecks, _dimensions;
    private readonly long[] _passes;
    private readonly (int Level, List<string> Cells, List<bool> Inside)? _cells;
    private readonly string _allField, _nameField, _conditionField, _cellField = "";
    private readonly Center? _center;
    private readonly int _keep;
    private readonly SortKey? _after;
    private readonly PriorityQueue<Candidate, SortKey> _heap;
    private readonly DateOnly _today;

    public SearchExecution(SearchRequest request, string type, IReadOnlyList<string> words, IndexReader reader, TermBitsCache bits, SegmentArrays arrays, TaxonomyWords taxonomyWords, DateOnly today)
    {
        _today = today;
        _taxonomyWords = taxonomyWords;
        _request = request;
        _type = type;
        _sort = SearchRequestBuilder.EffectiveSort(request);
        _allField = Fields.Of(type, Fields.All);
        _nameField = Fields.Of(type, Fields.Name);
        _conditionField = Fields.Of(type, Fields.ConditionsText);
        _bits = bits;
        _arrays = arrays;
        _words = [.. words.Select(w => Word(w, reader))];
        _requiredWords = _words.Count <= 3 ? _words.Count : (int)Math.Ceiling(_words.Count * 0.75);
        _keep = request.First + 1;
        _after = request.After is { } c ? new SortKey(c.Primary, c.Secondary, c.Id) : null;
        _heap = new PriorityQueue<Candidate, SortKey>(_keep + 1, Comparer<SortKey>.Create((a, b) => b.CompareTo(a)));

        void Add(string field, IReadOnlyList<string> values, FacetDimension? dimension)
        {
            if (values.Count > 0) _checks.Add(new Check(Fields.Of(type, field), values, request.IncludeFacets ? dimension : null));
        }
        Add(Fields.Condition, request.Conditions, FacetDimension.Conditions);
        Add(Certifications(request).Field, request.Certifications, FacetDimension.Certifications);
        Add(Fields.Technique, [.. request.Techniques.Select(TechniqueVocabulary.ConstantName)], FacetDimension.Techniques);
        Add(Fields.Language, request.Languages, FacetDimension.Languages);
        Add(Fields.City, request.Cities, FacetDimension.Cities);
        Add(Fields.Profession, [.. request.Professions.Select(p => p.ToString())], null);
        if (request.DirectBilling is { } billing) Add(Fields.DirectBilling, [billing ? "1" : "0"], null);
        if (request.AcceptingNewPatients is { } accepting) Add(Fields.Accepting, [accepting ? "1" : "0"], null);
        _checks.Sort((a, b) => (a.Dimension is null ? 0 : 1).CompareTo(b.Dimension is null ? 0 : 1));
        _strictChecks = [.. Enumerable.Range(0, _checks.Count).Where(i => _checks[i].Dimension is null)];
        _dimensionChecks = [.. Enumerable.Range(0, _checks.Count).Where(i => _checks[i].Dimension is not null)];
        _dimensions = [.. _dimensionChecks.Select(i => (int)_checks[i].Dimension!.Value)];
        _passes = new long[_dimensionChecks.Length];
        _allMask = new long[_words.Count];
        _nameMask = new long[_words.Count];
        _conditionMask = new long[_words.Count];
        if (request.Location is { } circle)
        {
            _cells = GeoCells.Covering(circle);
            _cellField = GeoCells.Field(type, _cells.Value.Level);
            var lat = SegmentPoints.Rad(circle.Latitude);
            var lon = SegmentPoints.Rad(circle.Longitude);
            // A hair of slack so points exactly on the circle stay in despite rounding.
            var minCos = Math.Cos(Math.Min(Math.PI, circle.RadiusKm / GeoMath.EarthRadiusKm)) - 1e-12;
            _center = new Center(Math.Cos(lat) * Math.Cos(lon), Math.Cos(lat) * Math.Sin(lon), Math.Sin(lat), minCos);
        }
    }

    /// <summary>A kept hit; Nearest is the cosine of its angle to the centre (larger is nearer).</summary>
    public readonly record struct Candidate(int Doc, SortKey Key, double? Nearest, double Score, int SegmentDoc, SegmentPoints? Points);

    public int TotalHits { get; private set; }

    /// <summary>Hits after the cursor, of which the page shows the first ones.</summary>
    public int HitsAfterCursor { get; private set; }

    public SearchSort Sort => _sort;

    private FacetCounter? _facets;

    public void Run(IndexReader reader)
    {
        var leaves = reader.Leaves;
        SegmentFacets?[]? facets = null;
        if (_request.IncludeFacets)
        {
            // Every segment's values are numbered before the count arrays are sized.
            facets = new SegmentFacets?[leaves.Count];
            for (var l = 0; l < leaves.Count; l++) facets[l] = _arrays.Facets(leaves[l].AtomicReader);
            _facets = new FacetCounter(_arrays, FacetFields(_request), _today);
        }
        if (_words.Count > 0 && _words.Count(w => w.Terms.Count > 0) < _requiredWords) return;
        for (var l = 0; l < leaves.Count; l++) RunSegment(leaves[l], facets?[l]);
    }

    /// <summary>
    /// The certification field a request filters by and the facet counted from it: verified ones for verifiedOnly,
    /// qualified practitioners' for qualifiedOnly.
    /// </summary>
    private static (string Field, string Facet) Certifications(SearchRequest request) => (request.QualifiedOnly, request.VerifiedOnly) switch
    {
        (true, true) => (Fields.CertificationQualifiedVerified, Fields.FacetCertificationQualifiedVerified),
        (true, false) => (Fields.CertificationQualified, Fields.FacetCertificationQualified),
        (false, true) => (Fields.CertificationVerified, Fields.FacetCertificationVerified),
        _ => (Fields.Certification, Fields.FacetCertification),
    };

    /// <summary>The facet field of each dimension, in <see cref="FacetDimension"/> order.</summary>
    private static string[] FacetFields(SearchRequest request) =>
    [
        Fields.FacetCondition,
        Certifications(request).Facet,
        Fields.FacetTechnique,
        Fields.FacetCity,
        Fields.FacetLanguage,
    ];

    /// <summary>
    /// Disjunctive counts: a dimension the request filters on also counts the documents that failed only
    /// its own filter, so each value's count is the total the search would have with that value chosen instead.
    /// </summary>
    public FacetCounts Facets() => _facets is not { } f ? new FacetCounts() : new FacetCounts
    {
        Conditions = f.Result((int)FacetDimension.Conditions),
        Certifications = f.Result((int)FacetDimension.Certifications),
        Techniques = f.Result((int)FacetDimension.Techniques),
        Cities = f.Result((int)FacetDimension.Cities),
        Languages = f.Result((int)FacetDimension.Languages),
    };

    public void Dispose() => _facets?.Dispose();

    /// <summary>The kept hits, best first.</summary>
    public List<Candidate> Ranked()
    {
        var ranked = new List<Candidate>(_heap.Count);
        while (_heap.TryDequeue(out var c, out _)) ranked.Add(c);
        ranked.Reverse();
        return ranked;
    }

    private QueryWord Word(string word, IndexReader reader)
    {
        var all = _allField;
        // Document counts from the segments' cached bitsets (the search needs them anyway): no term
        // dictionary is walked again.
        int DocFreq(string term)
        {
            var count = 0;
            foreach (var leaf in reader.Leaves) count += _bits.DocFreq(leaf.AtomicReader, all, term);
            return count;
        }
        var df = DocFreq(word);
        List<string> terms = [];
        if (df > 0)
        {
            terms.Add(word);
        }
        else if (TextAnalysis.AllowedEdits(word) is var edits and > 0)
        {
            // A word the index does not have: its near spellings (typos) stand in for it.
            var fuzzy = new FuzzyQuery(new Term(all, word), edits, prefixLength: 1, maxExpansions: 20, transpositions: true);
            if (fuzzy.Rewrite(reader) is BooleanQuery expanded)
            {
                foreach (var clause in expanded.Clauses)
                {
                    if (clause.Query is TermQuery tq)
                    {
                        terms.Add(tq.Term.Text);
                        df += DocFreq(tq.Term.Text);
                    }
                }
            }
            // The taxonomy's words are not in the index's dictionary (see TaxonomyWords): their near
            // spellings are found in the taxonomy's vocabulary, by the same rule (same first letter, the
            // same number of edits, a swap of neighbours counting as one).
            foreach (var candidate in _taxonomyWords.Vocabulary)
            {
                if (candidate[0] != word[0] || terms.Contains(candidate) || !TextAnalysis.WithinEdits(word, candidate, edits)) continue;
                if (DocFreq(candidate) is var count and > 0)
                {
                    terms.Add(candidate);
                    df += count;
                }
            }
        }
        var n = Math.Max(1, reader.NumDocs);
        return new QueryWord(word, terms, Math.Log(1 + (n - df + 0.5) / (df + 0.5)));
    }

    // The segment being searched, for Visit.
    private AtomicReaderContext _leaf = null!;
    private IBits? _live;
    private FixedBitSet?[] _wordAll = [];
    private long[]?[] _allWords = [], _nameWords = [], _conditionWords = [];

    // Per query word, its presence anywhere, in the name and in a condition for the 64 documents of the word
    // being visited: a hit's score is read from these instead of from three bitsets per query word.
    private readonly long[] _allMask, _nameMask, _conditionMask;
    private SegmentPoints? _points;
    private string[]? _ids, _names;
    private long[]? _nameKeys;
    private bool _measure;

    /// <summary>
    /// Judges the candidates 64 at a time: a word of the candidates' bitset is combined with the same word of
    /// each required word's and filter's bitset, which leaves the documents that pass every filter and, per
    /// facet dimension, those that fail only that dimension's filter. Only those are visited one by one.
    /// </summary>
    private void RunSegment(AtomicReaderContext leaf, SegmentFacets? facets)
    {
        var reader = leaf.AtomicReader;

        // Per word: where it occurs at all, in the name, in a condition.
        _wordAll = new FixedBitSet?[_words.Count];
        _nameWords = new long[]?[_words.Count];
        _conditionWords = new long[]?[_words.Count];
        for (var i = 0; i < _words.Count; i++)
        {
            _wordAll[i] = Union(reader, _allField, _words[i].Terms);
            _nameWords[i] = Union(reader, _nameField, _words[i].Terms)?.GetBits();
            _conditionWords[i] = Union(reader, _conditionField, _words[i].Terms)?.GetBits();
        }
        // Loops rather than LINQ here: this runs per segment of every search, and closures would be allocated each time.
        var checkBits = new FixedBitSet?[_checks.Count][];
        for (var c = 0; c < checkBits.Length; c++)
        {
            var check = _checks[c];
            checkBits[c] = new FixedBitSet?[check.Values.Count];
            for (var v = 0; v < check.Values.Count; v++) checkBits[c][v] = _bits.Get(reader, check.Field, check.Values[v]);
        }

        // Every word required: a segment lacking one has no hit.
        var everyWord = _requiredWords == _words.Count;
        if (everyWord && Array.IndexOf(_wordAll, null) >= 0) return;

        var drivers = Drivers(reader, _wordAll, checkBits);
        if (drivers.Count == 0) return;
        _allWords = Words(_wordAll);

        // A filter's word: the union of its values' words (a filter none of whose values occur matches nothing).
        var strict = new long[]?[_strictChecks.Length][];
        for (var i = 0; i < strict.Length; i++) strict[i] = Words(checkBits[_strictChecks[i]]);
        var dimensionWords = new long[]?[_dimensionChecks.Length][];
        for (var i = 0; i < dimensionWords.Length; i++) dimensionWords[i] = Words(checkBits[_dimensionChecks[i]]);
        var passes = _passes;

        _leaf = leaf;
        _live = reader.LiveDocs;
        _points = _request.Location is null ? null : _arrays.Points(reader);
        _ids = _arrays.Ids(reader);
        _names = _sort == SearchSort.Name ? _arrays.Strings(reader, Fields.NameSort) : null;
        _nameKeys = _sort == SearchSort.Name ? _arrays.NameKeys(reader) : null;

        foreach (var (positions, driverWords, count, inside) in drivers)
        {
            // Inside the circle whatever the document: its distance is needed only to sort by it.
            _measure = _center is not null && (!inside || _sort == SearchSort.Distance);
            for (var k = 0; k < count; k++)
            {
                var m = driverWords[k];
                if (m == 0) continue;
                var w = positions is null ? k : positions[k];
                if (everyWord)
                {
                    foreach (var words in _allWords) m &= words![w];
                }
                foreach (var values in strict) m &= Word(values, w);
                if (m == 0) continue;
                for (var i = 0; i < _words.Count; i++)
                {
                    _allMask[i] = _allWords[i] is { } a ? a[w] : 0;
                    _nameMask[i] = _nameWords[i] is { } n ? n[w] : 0;
                    _conditionMask[i] = _conditionWords[i] is { } c ? c[w] : 0;
                }

                var pass = m;
                for (var j = 0; j < passes.Length; j++)
                {
                    passes[j] = Word(dimensionWords[j], w);
                    pass &= passes[j];
                }
                if (pass != 0 && Visit(pass, w, hits: true, everyWord) is var hits and not 0 && facets is not null)
                    _facets!.AddMatches(facets, w, hits);
                // Failing exactly one facet filter: counted for that facet alone (a segment without facet
                // values has nothing to count).
                for (var j = 0; j < passes.Length && facets is not null; j++)
                {
                    var failsOnlyThis = m & ~passes[j];
                    for (var i = 0; i < passes.Length && failsOnlyThis != 0; i++)
                        if (i != j) failsOnlyThis &= passes[i];
                    if (failsOnlyThis != 0 && Visit(failsOnlyThis, w, hits: false, everyWord) is var counted and not 0)
                        _facets!.Add(facets, _dimensions[j], w, counted);
                }
            }
        }
    }

    /// <summary>Word w of the union of a filter's values (0 when none of them occurs in the segment).</summary>
    private static long Word(long[]?[] values, int w)
    {
        long word = 0;
        foreach (var v in values)
            if (v is not null) word |= v[w];
        return word;
    }

    private static long[]?[] Words(FixedBitSet?[] bits)
    {
        var words = new long[]?[bits.Length];
        for (var i = 0; i < bits.Length; i++) words[i] = bits[i]?.GetBits();
        return words;
    }

    /// <summary>
    /// The documents of one word of candidates that passed the filters (hits) or failed only one facet's
    /// filter: those live, with enough of the words (when not every word is required) and inside the circle
    /// are kept and returned; hits are also counted, scored and offered to the page.
    /// </summary>
    private long Visit(long bits, int w, bool hits, bool everyWord)
    {
        long kept = 0;
        while (bits != 0)
        {
            var bit = bits & -bits;
            var doc = (w << 6) + BitOperations.TrailingZeroCount(bits);
            bits &= bits - 1;
            if (_live is not null && !_live.Get(doc)) continue;

            if (!everyWord)
            {
                var matched = 0;
                for (var i = 0; i < _words.Count; i++)
                {
                    if ((_allMask[i] & bit) != 0) matched++;
                }
                if (matched < _requiredWords) continue;
            }

            double? nearest = null;
            if (_measure && _center is { } center)
            {
                // Inside the circle exactly when the cosine of the angle to the centre is at least cos(radius).
                var cos = NearestCos(_points, doc, center);
                if (cos < center.MinCos) continue;
                nearest = cos;
            }
            kept |= bit;
            if (!hits) continue;
            TotalHits++;

            // Scored only once it is a hit: documents counted for a facet alone or outside the circle are not.
            var score = 0.0;
            for (var i = 0; i < _words.Count; i++)
            {
                if ((_allMask[i] & bit) == 0) continue;
                var weight = 1.0;
                if ((_nameMask[i] & bit) != 0) weight += NameWeight;
                if ((_conditionMask[i] & bit) != 0) weight += ConditionWeight;
                score += _words[i].Idf * weight;
            }
            Offer(_leaf.DocBase, doc, score, nearest, _ids, _names, _nameKeys, _points);
        }
        return kept;
    }

    /// <summary>
    /// The candidates of a segment as words of bitsets (with their word positions when only some words are
    /// kept): the place's cells (a clinic is in one cell, so its cells are visited one by one, reading only
    /// their non-empty words; a practitioner's clinics may share cells, so those are merged), else one bitset.
    /// </summary>
    private List<(int[]? Positions, long[] Words, int Count, bool Inside)> Drivers(AtomicReader reader, FixedBitSet?[] wordAll, FixedBitSet?[][] checkBits)
    {
        if (_cells is { } cells && _type == Fields.ClinicType)
        {
            var drivers = new List<(int[]?, long[], int, bool)>(cells.Cells.Count);
            for (var i = 0; i < cells.Cells.Count; i++)
            {
                if (_bits.GetSparse(reader, _cellField, cells.Cells[i]) is { } sparse)
                    drivers.Add((sparse.Positions, sparse.Words, sparse.Words.Length, cells.Inside[i]));
            }
            return drivers;
        }
        return Driver(reader, wordAll, checkBits) is { } one ? [(null, one.GetBits(), FixedBitSet.Bits2words(one.Length), false)] : [];
    }

    /// <summary>The candidates of a segment: the place's cells, else the rarest required word, else the rarest strict filter, else every document of the type.</summary>
    private FixedBitSet? Driver(AtomicReader reader, FixedBitSet?[] wordAll, FixedBitSet?[][] checkBits)
    {
        if (_cells is { } cells)
            return Union(reader, _cellField, cells.Cells);
        if (_words.Count > 0)
        {
            if (_requiredWords == _words.Count)
                return wordAll.Any(b => b is null) ? null : wordAll.MinBy(b => b!.Cardinality);
            return Or(reader.MaxDoc, wordAll);
        }
        var strict = Enumerable.Range(0, _checks.Count).Where(i => _checks[i].Dimension is null).ToList();
        if (strict.Count > 0)
            return strict.Select(i => Or(reader.MaxDoc, checkBits[i])).MinBy(b => b?.Cardinality ?? 0);
        return _bits.Get(reader, Fields.Type, _type);
    }

    private void Offer(int docBase, int doc, double score, double? nearest, string[]? ids, string[]? names, long[]? nameKeys, SegmentPoints? points)
    {
        var primary = _sort switch
        {
            SearchSort.Relevance => -score,
            SearchSort.Distance => -(nearest ?? 0),
            _ => nameKeys?[doc] ?? 0,
        };
        // Most candidates lose on the primary key alone, to the cursor or to the page's worst.
        if (_after is { } after && primary < after.Primary) return;
        var full = _heap.Count == _keep;
        if (full && _heap.TryPeek(out _, out var worst) && primary > worst.Primary)
        {
            HitsAfterCursor++;
            return;
        }
        var key = new SortKey(primary, names?[doc], ids?[doc] ?? "");
        if (_after is { } a && key.CompareTo(a) <= 0) return;
        HitsAfterCursor++;
        if (!full)
            _heap.Enqueue(new Candidate(docBase + doc, key, nearest, score, doc, points), key);
        else if (_heap.TryPeek(out _, out var worstKey) && key.CompareTo(worstKey) < 0)
            _heap.DequeueEnqueue(new Candidate(docBase + doc, key, nearest, score, doc, points), key);
    }

    private FixedBitSet? Union(AtomicReader reader, string field, IReadOnlyList<string> values)
    {
        if (values.Count == 1) return _bits.Get(reader, field, values[0]);
        // A loop, not a lambda: captured parameters would cost a closure on every call, also for one value.
        var sets = new FixedBitSet?[values.Count];
        for (var i = 0; i < sets.Length; i++) sets[i] = _bits.Get(reader, field, values[i]);
        return Or(reader.MaxDoc, sets);
    }

    private static FixedBitSet? Or(int maxDoc, FixedBitSet?[] sets)
    {
        var present = sets.Where(s => s is not null).ToList();
        if (present.Count == 0) return null;
        if (present.Count == 1) return present[0];
        var union = new FixedBitSet(maxDoc);
        foreach (var s in present) union.Or(s!);
        return union;
    }

    private sealed record Center(double X, double Y, double Z, double MinCos);

    private static double NearestCos(SegmentPoints? points, int doc, Center center)
    {
        if (points is null) return double.NegativeInfinity;
        var best = double.NegativeInfinity;
        var xyz = points.Xyz;
        for (int i = points.Starts[doc], end = points.Starts[doc + 1]; i < end; i++)
            best = Math.Max(best, center.X * xyz[i * 3] + center.Y * xyz[i * 3 + 1] + center.Z * xyz[i * 3 + 2]);
        return best;
    }

    /// <summary>The exact great-circle distance of a kept hit: from its nearest point, by the haversine formula.</summary>
    public double DistanceKm(Candidate hit)
    {
        var circle = _request.Location!;
        var points = hit.Points!;
        var best = double.PositiveInfinity;
        for (var i = points.Starts[hit.SegmentDoc]; i < points.Starts[hit.SegmentDoc + 1]; i++)
            best = Math.Min(best, GeoMath.HaversineKm(circle.Latitude, circle.Longitude, points.Lat[i], points.Lon[i]));
        return best;
    }
}
