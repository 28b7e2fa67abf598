using BenchmarkDotNet.Attributes;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Benchmarks;

/// <summary>Engine-only latency of the standard searches on the index the "index" command builds (built first when missing).</summary>
[MemoryDiagnoser]
public class QueryBenchmarks
{
    private Bench _bench = null!;
    private SearchRequest _standard = null!, _place = null!, _condition = null!, _broad = null!;

    [GlobalSetup]
    public void Setup()
    {
        _bench = Bench.OpenIndexed(Console.Out);
        _standard = _bench.Request(StandardQueries.Standard());
        _place = _bench.Request(StandardQueries.PlaceOnly());
        _condition = _bench.Request(StandardQueries.ConditionOnly());
        _broad = _bench.Request(StandardQueries.BroadText());
    }

    [GlobalCleanup]
    public void Cleanup() => _bench.Dispose();

    [Benchmark(Description = "standard: text + 25 km + certification + facets, 20 hits")]
    public int Standard() => _bench.Search(_standard);

    [Benchmark(Description = "place only, 25 km")]
    public int PlaceOnly() => _bench.Search(_place);

    [Benchmark(Description = "condition only")]
    public int ConditionOnly() => _bench.Search(_condition);

    [Benchmark(Description = "broad text")]
    public int BroadText() => _bench.Search(_broad);
}
