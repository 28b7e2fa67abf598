using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>A real Lucene engine on a temporary directory, with the seed's taxonomy and gazetteer.</summary>
public sealed class EngineFixture : IDisposable
{
    private static readonly Lazy<(DirectoryTaxonomy, Gazetteer)> Reference = new(() =>
    {
        var seed = SeedData.Locate(null);
        return (seed.LoadTaxonomy(), seed.LoadGazetteer());
    });

    private readonly DirectoryTaxonomy _taxonomy;

    /// <summary>An engine on a new temporary index, with the seed's taxonomy or the one given.</summary>
    public EngineFixture(DirectoryTaxonomy? taxonomy = null)
    {
        _taxonomy = taxonomy ?? Taxonomy;
        Requests = new(_taxonomy, Gazetteer);
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "clinicdirectory-tests", Guid.NewGuid().ToString("N"));
        Engine = Open();
    }

    public static DirectoryTaxonomy Taxonomy => Reference.Value.Item1;

    public static Gazetteer Gazetteer => Reference.Value.Item2;

    public string Path { get; }

    public LuceneDirectoryEngine Engine { get; private set; }

    public SearchRequestBuilder Requests { get; }

    public LuceneDirectoryEngine Open()
    {
        var engine = new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = Path }, _taxonomy, TimeProvider.System);
        engine.InitializeAsync(CancellationToken.None).GetAwaiter().GetResult();
        return engine;
    }

    /// <summary>Closes the engine and opens the same directory again, as a restart does.</summary>
    public void Reopen()
    {
        Engine.Dispose();
        Engine = Open();
    }

    public void Dispose()
    {
        Engine.Dispose();
        try { Directory.Delete(Path, recursive: true); } catch (IOException) { }
    }
}
