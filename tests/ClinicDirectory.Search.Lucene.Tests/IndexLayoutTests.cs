using ClinicDirectory.Core.Search;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>The layout an index records in its commits, and indexes of another layout refused at start.</summary>
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

    /// <summary>The folders beside the index whose names extend its name ("index.upgrading", "index.layout-3").</summary>
    private List<string> Siblings() =>
        [.. System.IO.Directory.GetDirectories(Path.GetDirectoryName(_path)!).Where(d => d.StartsWith(_path + ".", StringComparison.Ordinal))];

    private LuceneDirectoryEngine Open()
    {
        var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path }, EngineFixture.Taxonomy, TimeProvider.System);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return engine;
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
    public async Task Every_commit_records_the_layout_and_the_index_opens_again()
    {
        using (var engine = Open())
        {
            Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
            await engine.LoadAsync([new DirectoryChange { Clinics = [TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)] }], default);
            await engine.ApplyAsync(new DirectoryChange { Clinics = [TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0)] }, default);
        }
        var (docs, data) = Commit();
        Assert.Equal(2, docs);
        Assert.Equal(LuceneDirectoryEngine.Layout, data[LuceneDirectoryEngine.LayoutKey]);
        // The listings' JSON in the engine's small stored-field blocks.
        Assert.NotEmpty(SegmentCodecs());
        Assert.All(SegmentCodecs(), name => Assert.Equal(DirectoryCodec.CodecName, name));

        using var reopened = Open();
        Assert.Equal(2, await reopened.CountClinicsAsync(default));
        Assert.Equal("Beta Physiotherapy", Assert.Single(await reopened.GetClinicsAsync(["b"], default)).Name);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("1")]
    public void An_index_of_another_layout_whose_listings_cannot_be_read_is_refused_and_left_as_it_was(string? layout)
    {
        WriteForeignIndex(layout is null ? null : new() { [LuceneDirectoryEngine.LayoutKey] = layout });
        var before = Commit();

        var error = Assert.Throws<InvalidDataException>(() => Open());
        Assert.Contains($"layout {layout ?? "unrecorded"}", error.Message);
        Assert.Contains(_path, error.Message);

        var after = Commit();
        Assert.Equal(1, after.Docs);
        Assert.Equal(before.Data, after.Data);
        Assert.Empty(Siblings());
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
    public async Task An_index_of_an_older_layout_is_rebuilt_from_its_listings_and_the_old_one_kept_beside()
    {
        WriteOlderIndex(_path);

        using (var engine = Open())
        {
            Assert.Equal(1, await engine.CountClinicsAsync(default));
            Assert.Equal("Alpha Physiotherapy", Assert.Single(await engine.GetClinicsAsync(["a"], default)).Name);
            Assert.Empty(await engine.GetClinicsAsync(["z"], default));
            Assert.Equal("Pat Example", Assert.Single(await engine.GetPractitionersOfClinicAsync("a", default)).Name);
            var (request, _) = new SearchRequestBuilder(EngineFixture.Taxonomy, EngineFixture.Gazetteer).Build(new SearchFilter { Text = "alpha" }, SearchSort.Relevance, 20, null);
            Assert.Equal("a", Assert.Single((await engine.SearchClinicsAsync(request, default)).Hits).Item.Id);
        }
        Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
        Assert.All(SegmentCodecs(), name => Assert.Equal(DirectoryCodec.CodecName, name));

        // The old index, as it was, beside the new one; nothing else left.
        using (var kept = FSDirectory.Open(new DirectoryInfo(_path + ".layout-unrecorded")))
        using (var reader = DirectoryReader.Open(kept))
            Assert.Equal(2, reader.NumDocs);
        Assert.Equal([_path + ".layout-unrecorded"], Siblings());
    }

    [Fact]
    public async Task A_rebuilt_index_left_by_a_crash_before_it_took_the_index_place_takes_it_at_the_next_start()
    {
        WriteOlderIndex(_path);
        var rebuilt = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = _path + ".upgraded" }, EngineFixture.Taxonomy, TimeProvider.System);
        using (rebuilt)
        {
            await rebuilt.InitializeAsync(default);
            await rebuilt.LoadAsync([new DirectoryChange { Clinics = [TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0)] }], default);
        }

        using var engine = Open();
        Assert.Equal("Beta Physiotherapy", Assert.Single(await engine.GetClinicsAsync(["b"], default)).Name);
        Assert.Equal(1, await engine.CountClinicsAsync(default));
        Assert.True(System.IO.Directory.Exists(_path + ".layout-unknown"));
        Assert.False(System.IO.Directory.Exists(_path + ".upgraded"));
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

        using var engine = Open();
        Assert.Equal(0, await engine.CountClinicsAsync(default));
        Assert.Equal(LuceneDirectoryEngine.Layout, Commit().Data[LuceneDirectoryEngine.LayoutKey]);
    }
}
