using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>The layout and sequence an index records in its commits; indexes of another layout rebuilt; listings read from indexes from before the store.</summary>
public sealed class IndexLayoutTests : IDisposable
{
    private readonly string _path = Path.Combine(Path.GetTempPath(), "clinicdirectory-tests", Guid.NewGuid().ToString("N"));

    public void Dispose()
    {
        foreach (var folder in System.IO.Directory.GetDirectories(Path.GetDirectoryName(_path)!, Path.GetFileName(_path) + "*"))
        {
            try { System.IO.Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private (int Docs, IDictionary<string, string> Data) Commit()
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_path));
        using var reader = DirectoryReader.Open(directory);
        return (reader.NumDocs, reader.IndexCommit.UserData);
    }

    /// <summary>The codec each segment of the index was written with.</summary>
    private List<string> SegmentCodecs()
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_path));
        var infos = new SegmentInfos();
        infos.Read(directory);
        return [.. infos.Segments.Select(s => s.Info.Codec.Name)];
    }

    /// <summary>An index with one document and the given commit data, as another version of the engine left it.</summary>
    private void WriteForeignIndex(Dictionary<string, string>? data)
    {
        using var directory = FSDirectory.Open(new DirectoryInfo(_path));
        using var analyzer = TextAnalysis.CreateAnalyzer();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer));
        writer.AddDocument([new StringField("type", "clinic", Field.Store.NO)]);
        if (data is not null) writer.SetCommitData(data);
        writer.Commit();
    }

    [Fact]
    public async Task Every_commit_records_the_layout_and_the_sequence_and_the_index_opens_again_with_them()
    {
        using (var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, EngineFixture.Taxonomy, TimeProvider.System))
        {
            Assert.Null(await engine.InitializeAsync(default));
            Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
            await engine.RebuildAsync([TestBatches.Of(0, [TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)])], 5, default);
            await engine.ApplyAsync(TestBatches.Of(6, [TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0)]), default);
        }
        var (docs, data) = Commit();
        Assert.Equal(2, docs);
        Assert.Equal(LuceneDirectoryEngine.Layout, data[LuceneDirectoryEngine.LayoutKey]);
        Assert.Equal("6", data[LuceneDirectoryEngine.SequenceKey]);
        // The listings' JSON in the engine's small stored-field blocks.
        Assert.NotEmpty(SegmentCodecs());
        Assert.All(SegmentCodecs(), name => Assert.Equal(DirectoryCodec.CodecName, name));

        using var reopened = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, EngineFixture.Taxonomy, TimeProvider.System);
        Assert.Equal(6, await reopened.InitializeAsync(default));
        Assert.Equal(2, reopened.CountClinics());
        Assert.Equal("Beta Physiotherapy", Assert.Single(await reopened.GetClinicsAsync(["b"], default)).Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    [InlineData(LuceneDirectoryEngine.Layout)]
    public async Task An_index_of_another_layout_or_without_a_sequence_starts_empty_to_be_rebuilt(string? layout)
    {
        WriteForeignIndex(layout is null ? null : new() { [LuceneDirectoryEngine.LayoutKey] = layout });

        using var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, EngineFixture.Taxonomy, TimeProvider.System);
        Assert.Null(await engine.InitializeAsync(default));
        Assert.Equal(0, engine.CountClinics());
        Assert.Equal(0, Commit().Docs);
        Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
        Assert.False(Commit().Data.ContainsKey(LuceneDirectoryEngine.SequenceKey));
    }

    /// <summary>
    /// An index as the first layout left it (the listing's JSON in a binary DocValues field), with one listing
    /// as a later layout keeps it (a stored field) and one deleted.
    /// </summary>
    private static void WriteOlderIndex(string path)
    {
        static byte[] Json<T>(T listing) => System.Text.Json.JsonSerializer.SerializeToUtf8Bytes(listing, Core.Seeding.DirectoryJson.Options);
        using var directory = FSDirectory.Open(new DirectoryInfo(path));
        using var analyzer = TextAnalysis.CreateAnalyzer();
        using var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer));
        writer.AddDocument([new StringField("uid", "clinic:a", Field.Store.NO), new BinaryDocValuesField("json", new BytesRef(Json(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9))))]);
        writer.AddDocument([new StringField("uid", "clinic:z", Field.Store.NO), new BinaryDocValuesField("json", new BytesRef(Json(TestListings.Clinic("z", "Zeta Gone", 50.7, -113.9))))]);
        writer.AddDocument([new StringField("uid", "practitioner:p", Field.Store.NO), new StoredField("json", Json(TestListings.Practitioner("p", "Pat Example", "a")))]);
        writer.DeleteDocuments(new Term("uid", "clinic:z"));
        writer.Commit();
    }

    [Fact]
    public void The_listings_of_an_index_from_before_the_store_are_read_from_any_layout_so_far()
    {
        WriteOlderIndex(_path);
        Assert.True(IndexListings.Exist(_path));
        var (clinics, practitioners) = IndexListings.Read(_path);
        Assert.Equal("Alpha Physiotherapy", Assert.Single(clinics).Name);
        Assert.Equal("Pat Example", Assert.Single(practitioners).Name);
    }

    [Fact]
    public void An_index_holding_what_is_not_a_listing_is_not_read_as_listings()
    {
        WriteForeignIndex(null);
        var error = Assert.Throws<InvalidDataException>(() => IndexListings.Read(_path));
        Assert.Contains(_path, error.Message);
        Assert.False(IndexListings.Exist(_path + ".missing"));
    }

    [Fact]
    public void A_taxonomy_whose_program_id_is_another_body_is_refused()
    {
        // The certification facets count the bodies among a listing's certification terms (programs and bodies).
        var taxonomy = new Core.Taxonomy.DirectoryTaxonomy(EngineFixture.Taxonomy.Conditions,
        [
            .. EngineFixture.Taxonomy.Programs,
            new Core.Domain.CertificationProgram { Id = "gunnims", Body = "Other Body", BodyId = "other", Name = "Course" },
        ]);
        var error = Assert.Throws<InvalidDataException>(() => new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, taxonomy, TimeProvider.System));
        Assert.Contains("\"gunnims\"", error.Message);
    }

    [Fact]
    public async Task An_empty_index_without_a_layout_is_taken_and_given_one()
    {
        using (var directory = FSDirectory.Open(new DirectoryInfo(_path)))
        using (var analyzer = TextAnalysis.CreateAnalyzer())
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer)))
            writer.Commit();

        using var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, EngineFixture.Taxonomy, TimeProvider.System);
        Assert.Null(await engine.InitializeAsync(default));
        Assert.Equal(0, engine.CountClinics());
        Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
    }
}
