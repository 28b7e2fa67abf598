namespace ClinicDirectory.Benchmarks;

/// <summary>Where the benchmarks find their data: BENCH_DATA (a generated seed folder) and BENCH_INDEX.</summary>
public static class Paths
{
    public static string? Data => Environment.GetEnvironmentVariable("BENCH_DATA");

    public static string Index => Environment.GetEnvironmentVariable("BENCH_INDEX") ?? Path.Combine(Path.GetTempPath(), "clinicdirectory-bench", "index");
}
