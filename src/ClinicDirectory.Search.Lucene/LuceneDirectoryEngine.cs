using System.Collections.Concurrent;
using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;
using LuceneDirectory = Lucene.Net.Store.Directory;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// The embedded engine: one long-lived IndexWriter and a SearcherManager for near-real-time reads over
/// one on-disk index. Writes are serialized, committed (fsync) and made searchable before they return.
/// </summary>
public sealed class LuceneDirectoryEngine : IDirectoryEngine
{
    private readonly LuceneEngineOptions _options;
    private readonly DirectoryTaxonomy _taxonomy;
    private readonly TimeProvider _time;
    private readonly Analyzer _analyzer = TextAnalysis.CreateAnalyzer();
    private readonly TaxonomyWords _taxonomyWords;
    private readonly TermBitsCache _bits;
    private readonly SegmentArrays _arrays;
    private readonly DocumentBuilder _documents;
    private readonly SemaphoreSlim _writeLock = new(1, 1);

    private LuceneDirectory? _directory;
    private IndexWriter? _writer;
    private SearcherManager? _searchers;

    public LuceneDirectoryEngine(LuceneEngineOptions options, DirectoryTaxonomy taxonomy, TimeProvider time)
    {
        _options = options;
        _taxonomy = taxonomy;
        _time = time;
        _arrays = new SegmentArrays(CertificationBodies(taxonomy));
        _taxonomyWords = new TaxonomyWords(taxonomy, _analyzer);
        _bits = new TermBitsCache(_taxonomyWords);
        _documents = new DocumentBuilder(taxonomy, _taxonomyWords, _analyzer, time);
    }

    /// <summary>
    /// The bodies' ids. The certification terms of a listing hold its programs' and bodies' ids, and the facets
    /// count the bodies among them: a program whose id is another body's would be counted as that body.
    /// </summary>
    private static IReadOnlySet<string> CertificationBodies(DirectoryTaxonomy taxonomy)
    {
        var bodies = taxonomy.BodyIds;
        if (taxonomy.Programs.FirstOrDefault(p => p.Id != p.BodyId && bodies.Contains(p.Id)) is { } clash)
            throw new InvalidDataException($"The certification program id \"{clash.Id}\" is also a body's id; program and body ids must differ.");
        return bodies;
    }

    public async Task InitializeAsync(CancellationToken cancellationToken)
    {
        DirectoryCodec.Register();
        FinishUpgrade();
        System.IO.Directory.CreateDirectory(_options.IndexPath);
        _directory = FSDirectory.Open(new DirectoryInfo(_options.IndexPath));
        if (OlderLayout() is { } older) await UpgradeAsync(older, cancellationToken);
        OpenWriter();
    }

    /// <summary>
    /// The index's layout when it holds listings of another layout than this engine's ("unrecorded" when none is
    /// recorded); else null. Read from the last commit's segments file alone: no segment is opened for it.
    /// </summary>
    private string? OlderLayout()
    {
        if (!DirectoryReader.IndexExists(_directory)) return null;
        var commit = new SegmentInfos();
        commit.Read(_directory);
        if (commit.TotalDocCount == 0) return null;
        return commit.UserData.TryGetValue(LayoutKey, out var layout) ? layout == Layout ? null : layout : "unrecorded";
    }

    /// <summary>
    /// Rebuilds an index of another layout in this one from the listings it holds (listings edited since the seed
    /// live only there), beside it, then puts the new one in its place and keeps the old one beside it
    /// ("index.layout-N"). Each step is a rename after the new index is complete and committed, so a crash at any
    /// point leaves either the old index (the next start upgrades again) or a finished one (<see cref="FinishUpgrade"/>).
    /// The listings are held in memory for the rebuild.
    /// </summary>
    private async Task UpgradeAsync(string layout, CancellationToken cancellationToken)
    {
        var (clinics, practitioners) = ReadListings(_directory!) ?? throw new InvalidDataException(
            $"The index in {_options.IndexPath} was written by another version of the engine (layout {layout}, this version " +
            $"reads layout {Layout}) and its listings cannot be read to rebuild it. Move that folder aside and start again to " +
            "load the seed into a new index; listings edited since the seed are only in the old one.");
        var building = _options.IndexPath + ".upgrading";
        if (System.IO.Directory.Exists(building)) System.IO.Directory.Delete(building, recursive: true);
        using (var rebuilt = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = building, RamBufferMb = _options.RamBufferMb }, _taxonomy, _time))
        {
            await rebuilt.InitializeAsync(cancellationToken);
            await rebuilt.LoadAsync([new DirectoryChange { Clinics = clinics, Practitioners = practitioners }], cancellationToken);
        }
        System.IO.Directory.Move(building, Upgraded);
        _directory!.Dispose();
        FinishUpgrade(layout);
        _directory = FSDirectory.Open(new DirectoryInfo(_options.IndexPath));
    }

    /// <summary>A rebuilt index, complete, waiting to take the index's place.</summary>
    private string Upgraded => _options.IndexPath + ".upgraded";

    /// <summary>Puts a complete rebuilt index in the index's place, keeping the old index beside it.</summary>
    private void FinishUpgrade(string layout = "unknown")
    {
        if (!System.IO.Directory.Exists(Upgraded)) return;
        if (System.IO.Directory.Exists(_options.IndexPath))
        {
            var kept = $"{_options.IndexPath}.layout-{layout}";
            for (var n = 2; System.IO.Directory.Exists(kept); n++) kept = $"{_options.IndexPath}.layout-{layout}-{n}";
            System.IO.Directory.Move(_options.IndexPath, kept);
        }
        System.IO.Directory.Move(Upgraded, _options.IndexPath);
    }

    private static readonly string ClinicKeys = DocumentBuilder.Uid(Fields.ClinicType, "");
    private static readonly string PractitionerKeys = DocumentBuilder.Uid(Fields.PractitionerType, "");

    /// <summary>
    /// Every live listing of an index of any layout so far: its type and id from its key, its JSON from the stored
    /// field or, in the first layout, the binary DocValues field of the same name. Null when a document is not a
    /// listing this can read.
    /// </summary>
    private static (List<Clinic> Clinics, List<Practitioner> Practitioners)? ReadListings(LuceneDirectory directory)
    {
        var clinics = new List<Clinic>();
        var practitioners = new List<Practitioner>();
        using var reader = DirectoryReader.Open(directory);
        var stored = new JsonFieldVisitor();
        var bytes = new BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var binary = segment.GetBinaryDocValues(Fields.Json);
            var keys = segment.GetTerms(Fields.Uid)?.GetEnumerator();
            DocsEnum? docs = null;
            while (keys is not null && keys.MoveNext())
            {
                var key = keys.Term.Utf8ToString();
                docs = keys.Docs(segment.LiveDocs, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    segment.Document(doc, stored);
                    ReadOnlySpan<byte> json = stored.Take();
                    if (json.IsEmpty && binary is not null)
                    {
                        binary.Get(doc, bytes);
                        json = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
                    }
                    if (json.IsEmpty) return null;
                    if (key.StartsWith(ClinicKeys, StringComparison.Ordinal))
                        clinics.Add(JsonSerializer.Deserialize<Clinic>(json, DirectoryJson.Options)!);
                    else if (key.StartsWith(PractitionerKeys, StringComparison.Ordinal))
                        practitioners.Add(JsonSerializer.Deserialize<Practitioner>(json, DirectoryJson.Options)!);
                }
            }
        }
        // Every live document is a listing: one that is not (no key, or a key of no listing type) cannot be rebuilt.
        return clinics.Count + practitioners.Count == reader.NumDocs ? (clinics, practitioners) : null;
    }

    /// <summary>The commit data key that records which layout of documents and fields an index holds.</summary>
    public const string LayoutKey = "clinicdirectory.layout";

    /// <summary>
    /// The layout this engine writes and reads; raised whenever documents change in a way an older index cannot
    /// be read by (2: the listing's JSON is a stored field; 3: no facet DocValues, facets read from the filter
    /// fields; 4: the listings' JSON in 4 KB blocks, <see cref="DirectoryCodec"/>). An index with listings of another
    /// layout, or none recorded, is rebuilt from its listings at start (<see cref="UpgradeAsync"/>) rather than
    /// answering searches wrongly.
    /// </summary>
    public const string Layout = "4";

    private void OpenWriter()
    {
        var config = new IndexWriterConfig(TextAnalysis.Version, _analyzer)
        {
            OpenMode = OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _options.RamBufferMb,
            // Segments stay as their separate files: packing them into a compound file copies every
            // segment once more.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
            Codec = new DirectoryCodec(),
        };
        // An index of another layout was rebuilt before this (InitializeAsync).
        _writer = new IndexWriter(_directory, config);
        // Every commit from this writer records the layout (Lucene keeps commit data for the next commits).
        _writer.SetCommitData(new Dictionary<string, string> { [LayoutKey] = Layout });
        // A first commit makes an empty index openable by readers and by the next start.
        _writer.Commit();
        _searchers = new SearcherManager(_writer, applyAllDeletes: true, new SearcherFactory());
    }

    /// <summary>
    /// Discards everything written since the last commit. Lucene's rollback also closes the writer, so a
    /// new one is opened on the same index: a failed write never stops the next one.
    /// </summary>
    private void RollBack()
    {
        _writer!.Rollback();
        _searchers!.Dispose();
        OpenWriter();
    }

    /// <summary>
    /// Loads the per-segment arrays and bitsets a typical search needs (facets, points, ids), so the first
    /// patient after a start or a bulk load does not wait for them.
    /// </summary>
    public Task WarmUpAsync(CancellationToken cancellationToken)
    {
        foreach (var type in new[] { Fields.ClinicType, Fields.PractitionerType })
        {
            var request = new SearchRequest { Text = "dry needling", Location = new GeoCircle(43.65, -79.38, 25), First = 20, IncludeHighlights = false };
            _ = type == Fields.ClinicType
                ? Search<Clinic>(request, type, (_, _) => [])
                : (object)Search<Practitioner>(request, type, (_, _) => []);
        }
        return Task.CompletedTask;
    }

    /// <summary>Merges the index into one segment and commits: fewer segments make every search cheaper.</summary>
    public void Optimize()
    {
        _writeLock.Wait();
        try
        {
            _writer!.ForceMerge(1);
            _writer.Commit();
            _searchers!.MaybeRefreshBlocking();
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>The segments searches read now (what merging keeps bounded as edits accumulate).</summary>
    public int SegmentCount() => WithSearcher(s => s.IndexReader.Leaves.Count);

    public Task<long> CountClinicsAsync(CancellationToken cancellationToken) =>
        Task.FromResult(WithSearcher(s => (long)s.Search(new TermQuery(new Term(Fields.Type, Fields.ClinicType)), 1).TotalHits));

    public Task<SearchResult<Clinic>> SearchClinicsAsync(SearchRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Search<Clinic>(request, Fields.ClinicType, (clinic, highlighter) =>
        [
            highlighter.Highlight(clinic.Name),
            .. clinic.Conditions.Select(id => highlighter.Condition(id, _taxonomy)),
            highlighter.Highlight(string.Join(", ", clinic.Techniques.Select(TechniqueVocabulary.Label))),
            highlighter.Highlight(clinic.Description),
        ]));

    public Task<SearchResult<Practitioner>> SearchPractitionersAsync(SearchRequest request, CancellationToken cancellationToken) =>
        Task.FromResult(Search<Practitioner>(request, Fields.PractitionerType, (p, highlighter) =>
        [
            highlighter.Highlight(p.Name),
            .. p.Conditions.Select(id => highlighter.Condition(id, _taxonomy)),
            highlighter.Highlight(string.Join(", ", p.Credentials.Select(c => _taxonomy.ProgramById(c.ProgramId)).OfType<CertificationProgram>().Select(pr => $"{pr.Body} {pr.Name}"))),
            highlighter.Highlight(p.Bio),
        ]));

    public Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Clinic>>(WithSearcher(s => Load<Clinic>(s, Fields.ClinicType, ids)));

    public Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Practitioner>>(WithSearcher(s => Load<Practitioner>(s, Fields.PractitionerType, ids)));

    public Task<IReadOnlyList<Practitioner>> GetPractitionersOfClinicAsync(string clinicId, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyList<Practitioner>>(WithSearcher(s => PractitionersOf(s, clinicId)));

    public Task<IReadOnlyDictionary<string, IReadOnlyList<Practitioner>>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken) =>
        Task.FromResult<IReadOnlyDictionary<string, IReadOnlyList<Practitioner>>>(WithSearcher(s =>
        {
            var byClinic = new Dictionary<string, IReadOnlyList<Practitioner>>(StringComparer.Ordinal);
            foreach (var id in clinicIds) byClinic.TryAdd(id, PractitionersOf(s, id));
            return byClinic;
        }));

    public Task ApplyAsync(DirectoryChange change, CancellationToken cancellationToken) =>
        CommitAsync(() =>
        {
            var searcher = _searchers!.Acquire();
            try
            {
                Write(searcher, change);
            }
            finally
            {
                _searchers.Release(searcher);
            }
        }, bulk: false, cancellationToken);

    /// <summary>One commit for the whole load: no partial seed is ever durable.</summary>
    public Task LoadAsync(IEnumerable<DirectoryChange> batches, CancellationToken cancellationToken) =>
        CommitAsync(() => WriteNew(batches, cancellationToken), bulk: true, cancellationToken);

    /// <summary>
    /// Every write: one at a time, committed before the task ends (what a caller was told is written
    /// survives a crash) and then searchable; on failure nothing of it stays. After a bulk load the merges
    /// it started finish first, so searches load their per-segment arrays once, for the final segments,
    /// and merging and loading never hold memory at the same time.
    /// </summary>
    private async Task CommitAsync(Action write, bool bulk, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            write();
            _writer!.Commit();
            if (bulk) _writer.WaitForMerges();
            _searchers!.MaybeRefreshBlocking();
        }
        catch
        {
            RollBack();
            throw;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private void Write(IndexSearcher searcher, DirectoryChange change)
    {
        var empty = searcher.IndexReader.NumDocs == 0;
        var removed = change.RemovedPractitionerIds.ToHashSet(StringComparer.Ordinal);
        var clinics = change.Clinics.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var practitioners = change.Practitioners.ToDictionary(p => p.Id, StringComparer.Ordinal);

        // Each clinic is read from the index at most once per write, however many documents need it.
        var loaded = new Dictionary<string, Clinic?>(StringComparer.Ordinal);
        Clinic? ClinicOf(string id)
        {
            if (clinics.TryGetValue(id, out var c)) return c;
            if (empty) return null;
            if (!loaded.TryGetValue(id, out c))
                loaded[id] = c = Load<Clinic>(searcher, Fields.ClinicType, [id]).FirstOrDefault();
            return c;
        }

        // Clinics whose documents change: written ones, and those whose practitioners changed.
        var affectedClinics = new HashSet<string>(clinics.Keys, StringComparer.Ordinal);
        affectedClinics.UnionWith(change.AffectedClinicIds);
        foreach (var p in change.Practitioners) affectedClinics.UnionWith(p.ClinicIds);

        // Practitioners carry their clinics' places, so a written clinic rewrites its practitioners too.
        if (!empty)
        {
            foreach (var clinicId in clinics.Keys)
            {
                foreach (var p in PractitionersOf(searcher, clinicId))
                    if (!removed.Contains(p.Id)) practitioners.TryAdd(p.Id, p);
            }
        }

        var writtenByClinic = practitioners.Values.SelectMany(p => p.ClinicIds.Select(c => (Clinic: c, Practitioner: p)))
            .ToLookup(x => x.Clinic, x => x.Practitioner, StringComparer.Ordinal);
        foreach (var id in affectedClinics)
        {
            var clinic = ClinicOf(id);
            if (clinic is null) continue;
            var staff = (empty ? [] : PractitionersOf(searcher, id))
                .Where(p => !removed.Contains(p.Id) && !practitioners.ContainsKey(p.Id))
                .Concat(writtenByClinic[id])
                .DistinctBy(p => p.Id)
                .ToList();
            _writer!.UpdateDocument(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.ClinicType, id)), _documents.BuildClinic(clinic, staff));
        }

        foreach (var p in practitioners.Values)
        {
            var at = p.ClinicIds.Select(ClinicOf).OfType<Clinic>().ToList();
            _writer!.UpdateDocument(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.PractitionerType, p.Id)), _documents.BuildPractitioner(p, at));
        }

        foreach (var id in removed)
            _writer!.DeleteDocuments(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.PractitionerType, id)));
    }

    /// <summary>
    /// Bulk loading of new, complete listings (the seed): nothing to look up or replace, and documents are
    /// built and added on every core, since the IndexWriter takes documents from several threads. The batches
    /// make one stream of documents: a core that finishes a batch goes on with the next one instead of
    /// waiting for the other core's last document, which may be a segment's flush of most of a second.
    /// </summary>
    private void WriteNew(IEnumerable<DirectoryChange> batches, CancellationToken cancellationToken)
    {
        var parallel = new ParallelOptions { MaxDegreeOfParallelism = Environment.ProcessorCount, CancellationToken = cancellationToken };
        // One document at a time from the stream: a core never holds back documents it has taken.
        var documents = Partitioner.Create(batches.SelectMany(InPlaceOrder), EnumerablePartitionerOptions.NoBuffering);
        try
        {
            Parallel.ForEach(documents, parallel, build => _writer!.AddDocument(build()));
        }
        catch (AggregateException e) when (e.InnerExceptions.Count == 1)
        {
            // The listing's own error, as a single-threaded write reports it.
            System.Runtime.ExceptionServices.ExceptionDispatchInfo.Capture(e.InnerExceptions[0]).Throw();
        }
    }

    /// <summary>
    /// A batch's documents, clinics then practitioners, each in place order, so that the listings a search around
    /// a place visits sit together in the index; a practitioner goes by their first clinic.
    /// </summary>
    private IEnumerable<Func<global::Lucene.Net.Documents.Document>> InPlaceOrder(DirectoryChange change)
    {
        var clinics = change.Clinics.ToDictionary(c => c.Id, StringComparer.Ordinal);
        var staff = change.Practitioners.SelectMany(p => p.ClinicIds.Select(c => (Clinic: c, Practitioner: p)))
            .ToLookup(x => x.Clinic, x => x.Practitioner, StringComparer.Ordinal);
        foreach (var clinic in change.Clinics.OrderBy(c => PlaceOrder.Key(c.Latitude, c.Longitude)))
            yield return () => _documents.BuildClinic(clinic, [.. staff[clinic.Id]]);
        var practitionersByPlace = change.Practitioners
            .OrderBy(p => p.ClinicIds.Count > 0 && clinics.GetValueOrDefault(p.ClinicIds[0]) is { } c ? PlaceOrder.Key(c.Latitude, c.Longitude) : ulong.MaxValue);
        foreach (var p in practitionersByPlace)
            yield return () => _documents.BuildPractitioner(p, [.. p.ClinicIds.Select(id => clinics.GetValueOrDefault(id)).OfType<Clinic>()]);
    }

    private SearchResult<T> Search<T>(SearchRequest request, string type, Func<T, TextHighlighter, IEnumerable<string?>> highlight)
    {
        string[] terms = request.Text is null ? [] : Terms(request.Text);
        if (request.Text is not null && terms.Length == 0)
            return new SearchResult<T>();

        var searcher = _searchers!.Acquire();
        try
        {
            using var execution = new SearchExecution(request, type, terms, searcher.IndexReader, _bits, _arrays, _taxonomyWords);
            execution.Run(searcher.IndexReader);
            var sort = execution.Sort;

            var page = execution.Ranked().Take(request.First).ToList();
            var highlighter = request.IncludeHighlights ? new TextHighlighter(_analyzer, terms) : null;
            var hits = new List<SearchHit<T>>(page.Count);
            var listings = new ListingReader(searcher.IndexReader, request.SummaryOnly, request.SummaryFields);
            foreach (var candidate in page)
            {
                var item = listings.Read<T>(candidate.Doc);
                var key = candidate.Key;
                IReadOnlyList<string> highlights = highlighter is not null && terms.Length > 0
                    ? highlight(item, highlighter).OfType<string>().Distinct().Take(5).ToList()
                    : [];
                hits.Add(new SearchHit<T>(
                    item,
                    new SearchCursor(sort, key.Primary, key.Secondary, key.Id),
                    request.Location is null ? null : execution.DistanceKm(candidate),
                    terms.Length > 0 ? Math.Round(candidate.Score, 4) : null,
                    highlights));
            }

            return new SearchResult<T>
            {
                TotalCount = execution.TotalHits,
                Hits = hits,
                HasNextPage = execution.HitsAfterCursor > request.First,
                Facets = execution.Facets(),
            };
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    private string[] Terms(string text) => TextAnalysis.Words(_analyzer, text);

    private static List<Practitioner> PractitionersOf(IndexSearcher searcher, string clinicId)
    {
        var top = searcher.Search(new TermQuery(new Term(Fields.Of(Fields.PractitionerType, Fields.ClinicId), clinicId)), 1000);
        var listings = new ListingReader(searcher.IndexReader, summaries: false);
        return [.. top.ScoreDocs.Select(d => listings.Read<Practitioner>(d.Doc)).OrderBy(p => p.Name, StringComparer.Ordinal)];
    }

    private static List<T> Load<T>(IndexSearcher searcher, string type, IReadOnlyCollection<string> ids)
    {
        var found = new List<T>(ids.Count);
        var listings = new ListingReader(searcher.IndexReader, summaries: false);
        foreach (var id in ids.Distinct())
        {
            var top = searcher.Search(new TermQuery(new Term(Fields.Uid, DocumentBuilder.Uid(type, id))), 1);
            if (top.TotalHits > 0) found.Add(listings.Read<T>(top.ScoreDocs[0].Doc));
        }
        return found;
    }

    /// <summary>
    /// Reads listings (documents by their index-wide numbers): whole listings from their stored JSON, summaries
    /// from their JSON DocValues field, opening each segment's values once for all the documents read from it
    /// (a page of hits) rather than once per document. Of summaries, only the fields given are read (null: all).
    /// </summary>
    private sealed class ListingReader(IndexReader reader, bool summaries, IReadOnlySet<string>? summaryFields = null)
    {
        private readonly BinaryDocValues?[] _values = new BinaryDocValues?[summaries ? reader.Leaves.Count : 0];
        private readonly BytesRef _bytes = new();
        private readonly JsonFieldVisitor _stored = new();

        public T Read<T>(int doc)
        {
            if (!summaries)
            {
                reader.Document(doc, _stored);
                var listing = _stored.Take() ?? throw new InvalidDataException("The index has no listing data.");
                return JsonSerializer.Deserialize<T>(listing, DirectoryJson.Options)!;
            }
            var leaves = reader.Leaves;
            var l = ReaderUtil.SubIndex(doc, leaves);
            var values = _values[l] ??= leaves[l].AtomicReader.GetBinaryDocValues(Fields.SummaryJson)
                ?? throw new InvalidDataException("The index has no listing data.");
            values.Get(doc - leaves[l].DocBase, _bytes);
            // A page of summaries is most of what a search reads: their own reader is faster than the general one.
            return SummaryReader.Read<T>(_bytes.Bytes.AsSpan(_bytes.Offset, _bytes.Length), summaryFields);
        }
    }

    /// <summary>Takes a document's stored listing JSON and stops reading its stored fields there.</summary>
    private sealed class JsonFieldVisitor : StoredFieldVisitor
    {
        private byte[]? _json;

        public override Status NeedsField(FieldInfo fieldInfo) =>
            _json is not null ? Status.STOP : fieldInfo.Name == Fields.Json ? Status.YES : Status.NO;

        public override void BinaryField(FieldInfo fieldInfo, byte[] value) => _json = value;

        /// <summary>The JSON read by the last visit (null if the document had none), and ready for the next.</summary>
        public byte[]? Take()
        {
            var json = _json;
            _json = null;
            return json;
        }
    }

    private TResult WithSearcher<TResult>(Func<IndexSearcher, TResult> read)
    {
        var searcher = _searchers!.Acquire();
        try
        {
            return read(searcher);
        }
        finally
        {
            _searchers.Release(searcher);
        }
    }

    public void Dispose()
    {
        _searchers?.Dispose();
        _writer?.Dispose();
        _directory?.Dispose();
        _analyzer.Dispose();
        _writeLock.Dispose();
    }
}
