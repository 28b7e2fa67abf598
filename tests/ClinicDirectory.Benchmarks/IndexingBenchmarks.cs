using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Engines;

namespace ClinicDirectory.Benchmarks;

/// <summary>Indexing throughput: the generator's files into an empty index, commits included.</summary>
[SimpleJob(RunStrategy.Monitoring, launchCount: 1, warmupCount: 1, iterationCount: 3)]
public class IndexingBenchmarks
{
    private string _index = "", _data = "";

    /// <summary>The generator's files, made before the first iteration when missing.</summary>
    [GlobalSetup]
    public void EnsureData() => _data = Paths.EnsureData(Console.Out);

    [IterationSetup]
    public void Setup() => _index = Path.Combine(Path.GetTempPath(), "clinicdirectory-bench-index", Guid.NewGuid().ToString("N"));

    [IterationCleanup]
    public void Cleanup()
    {
        try { Directory.Delete(_index, recursive: true); } catch (IOException) { }
    }

    [Benchmark(Description = "index the generator's listings")]
    public TimeSpan IndexAll()
    {
        using var bench = Bench.Open(_index, _data);
        return bench.IndexAll();
    }
}
