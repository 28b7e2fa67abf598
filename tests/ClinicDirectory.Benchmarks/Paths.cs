using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Benchmarks;

/// <summary>
/// Where the benchmarks find their data: BENCH_DATA, a generated seed folder (default
/// <c>/tmp/clinicdirectory-100k</c>), and BENCH_INDEX. Every command makes what it needs and is missing:
/// the directory-scale seed (100,000 clinics, 300,000 practitioners, seed 42) and an index of it.
/// </summary>
public static class Paths
{
    public const int Clinics = 100_000, Practitioners = 300_000, GeneratorSeed = 42;

    public static string Data => Environment.GetEnvironmentVariable("BENCH_DATA") is { Length: > 0 } data
        ? Path.GetFullPath(data) : Path.Combine(Path.GetTempPath(), "clinicdirectory-100k");

    public static string Index => Environment.GetEnvironmentVariable("BENCH_INDEX") ?? Path.Combine(Path.GetTempPath(), "clinicdirectory-bench", "index");

    /// <summary>
    /// The data folder, generated first when it holds no listings: into a folder beside it, moved into place
    /// when complete, so an interrupted run never leaves a partial seed that later runs would measure.
    /// </summary>
    public static string EnsureData(TextWriter progress)
    {
        var data = Data;
        if (Directory.Exists(Path.Combine(data, "listings"))) return data;
        var partial = data + ".partial";
        if (Directory.Exists(partial)) Directory.Delete(partial, recursive: true);
        progress.WriteLine($"{data} has no listings: generating {Clinics:N0} clinics and {Practitioners:N0} practitioners (seed {GeneratorSeed}) ...");
        SampleSeedWriter.Write(SeedData.Locate(null), partial, Clinics, Practitioners, GeneratorSeed, progress);
        Directory.Move(partial, data);
        return data;
    }
}
