using System.Collections.Concurrent;
using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
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

    public Task<long?> InitializeAsync(CancellationToken cancellationToken)
    {
        DirectoryCodec.Register();
        System.IO.Directory.CreateDirectory(_options.IndexPath);
        _directory = FSDirectory.Open(new DirectoryInfo(_options.IndexPath));
        var held = HeldSequence();
        // An index of another layout, or one that records no sequence, is a projection of nothing known: it starts
        // empty and is rebuilt from the store.
        OpenWriter(create: held is null);
        AppliedSequence = held ?? 0;
        return Task.FromResult(held);
    }

    /// <summary>The day (UTC) searches hold certifications for.</summary>
    private DateOnly Today() => DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);

    public long AppliedSequence { get; private set; }

    /// <summary>
    /// The change-log sequence the last commit holds, when it is of this engine's layout; else null. Read from the
    /// last commit's segments file alone: no segment is opened for it.
    /// </summary>
    private long? HeldSequence()
    {
        if (!DirectoryReader.IndexExists(_directory)) return null;
        var commit = new SegmentInfos();
        commit.Read(_directory);
        return commit.UserData.TryGetValue(LayoutKey, out var layout) && layout == Layout
            && commit.UserData.TryGetValue(SequenceKey, out var sequence) && long.TryParse(sequence, System.Globalization.CultureInfo.InvariantCulture, out var held)
            ? held
            : null;
    }

    /// <summary>The commit data key that records which layout of documents and fields an index holds.</summary>
    public const string LayoutKey = "clinicdirectory.layout";

    /// <summary>The commit data key that records the last change-log sequence the index holds.</summary>
    public const string SequenceKey = "clinicdirectory.sequence";

    /// <summary>
    /// The layout this engine writes and reads; raised whenever documents change in a way an older index cannot
    /// be read by (2: the listing's JSON is a stored field; 3: no facet DocValues, facets read from the filter
    /// fields; 4: the listings' JSON in 4 KB blocks, <see cref="DirectoryCodec"/>; 5: certifications that expire
    /// indexed with their dates, <see cref="CertificationTerms"/>; 6: qualified practitioners' certifications, and none
    /// from practitioners who may not needle where they practise). An index of another layout is rebuilt from the
    /// store at start.
    /// </summary>
    public const string Layout = "6";

    private void OpenWriter(bool create = false)
    {
        var config = new IndexWriterConfig(TextAnalysis.Version, _analyzer)
        {
            OpenMode = create ? OpenMode.CREATE : OpenMode.CREATE_OR_APPEND,
            RAMBufferSizeMB = _options.RamBufferMb,
            // Segments stay as their separate files: packing them into a compound file copies every
            // segment once more.
            UseCompoundFile = false,
            MergePolicy = new TieredMergePolicy { NoCFSRatio = 0 },
            Codec = new DirectoryCodec(),
        };
        _writer = new IndexWriter(_directory, config);
        // A first commit makes an empty index openable by readers and by the next start; a new one records no
        // sequence until it is built, so a start after a crash before that builds it again.
        if (create) _writer.SetCommitData(new Dictionary<string, string> { [LayoutKey] = Layout });
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

    /// <summary>What the next commit records: the layout and the sequence it holds (Lucene keeps it for the commits after).</summary>
    private void SetCommitData(long sequence) =>
        _writer!.SetCommitData(new Dictionary<string, string>
        {
            [LayoutKey] = Layout,
            [SequenceKey] = sequence.ToString(System.Globalization.CultureInfo.InvariantCulture),
        });

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

    /// <summary>The clinics the index holds.</summary>
    public long CountClinics() => WithSearcher(s => (long)s.Search(new TermQuery(new Term(Fields.Type, Fields.ClinicType)), 1).TotalHits);

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

    public Task ApplyAsync(IndexBatch batch, CancellationToken cancellationToken) =>
        CommitAsync(() => Write(batch), batch.Sequence, bulk: false, cancellationToken);

    /// <summary>Everything deleted and the batches added, in one commit: searches see the old index until it ends.</summary>
    public Task RebuildAsync(IEnumerable<IndexBatch> batches, long sequence, CancellationToken cancellationToken) =>
        CommitAsync(() =>
        {
            _writer!.DeleteAll();
            WriteNew(batches, cancellationToken);
        }, sequence, bulk: true, cancellationToken);

    /// <summary>
    /// Every write: one at a time, committed with the sequence it brings the index to before the task ends, and then
    /// searchable; on failure nothing of it stays. After a bulk load the merges it started finish first, so searches
    /// load their per-segment arrays once, for the final segments, and merging and loading never hold memory at the
    /// same time.
    /// </summary>
    private async Task CommitAsync(Action write, long sequence, bool bulk, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken);
        try
        {
            write();
            SetCommitData(sequence);
            _writer!.Commit();
            if (bulk) _writer.WaitForMerges();
            _searchers!.MaybeRefreshBlocking();
            AppliedSequence = sequence;
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

    private void Write(IndexBatch batch)
    {
        foreach (var (clinic, practitioners) in batch.Clinics)
            _writer!.UpdateDocument(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.ClinicType, clinic.Id)), _documents.BuildClinic(clinic, practitioners, batch.AssessmentOf));
        foreach (var (practitioner, clinics) in batch.Practitioners)
            _writer!.UpdateDocument(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.PractitionerType, practitioner.Id)), _documents.BuildPractitioner(practitioner, clinics, batch.AssessmentOf(practitioner)));
        foreach (var id in batch.DeletedPractitionerIds)
            _writer!.DeleteDocuments(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.PractitionerType, id)));
        foreach (var id in batch.DeletedClinicIds)
            _writer!.DeleteDocuments(new Term(Fields.Uid, DocumentBuilder.Uid(Fields.ClinicType, id)));
    }

    /// <summary>
    /// Bulk loading of complete listings (a rebuild): nothing to look up or replace, and documents are built and
    /// added on every core, since the IndexWriter takes documents from several threads. The batches make one stream
    /// of documents: a core that finishes a batch goes on with the next one instead of waiting for the other core's
    /// last document, which may be a segment's flush of most of a second.
    /// </summary>
    private void WriteNew(IEnumerable<IndexBatch> batches, CancellationToken cancellationToken)
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
    private IEnumerable<Func<global::Lucene.Net.Documents.Document>> InPlaceOrder(IndexBatch batch)
    {
        foreach (var (clinic, practitioners) in batch.Clinics.OrderBy(c => PlaceOrder.Key(c.Clinic.Latitude, c.Clinic.Longitude)))
            yield return () => _documents.BuildClinic(clinic, practitioners, batch.AssessmentOf);
        foreach (var (practitioner, clinics) in batch.Practitioners.OrderBy(p => p.Clinics.Count > 0 ? PlaceOrder.Key(p.Clinics[0].Latitude, p.Clinics[0].Longitude) : ulong.MaxValue))
            yield return () => _documents.BuildPractitioner(practitioner, clinics, batch.AssessmentOf(practitioner));
    }

    private SearchResult<T> Search<T>(SearchRequest request, string type, Func<T, TextHighlighter, IEnumerable<string?>> highlight)
    {
        string[] terms = request.Text is null ? [] : Terms(request.Text);
        if (request.Text is not null && terms.Length == 0)
            return new SearchResult<T>();

        var searcher = _searchers!.Acquire();
        try
        {
            var today = Today();
            _bits.UseDay(today);
            using var execution = new SearchExecution(request, type, terms, searcher.IndexReader, _bits, _arrays, _taxonomyWords, today);
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
