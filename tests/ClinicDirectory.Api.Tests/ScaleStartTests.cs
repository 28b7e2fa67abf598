using ClinicDirectory.Api.Hosting;

namespace ClinicDirectory.Api.Tests;

/// <summary>Run alone: it loads both cores for most of a minute.</summary>
[CollectionDefinition(nameof(ScaleStartTests), DisableParallelization = true)]
public sealed class ScaleStartCollection;

/// <summary>
/// The service, as its own process with its own runtime settings, loads a directory-scale seed (the
/// generator's 100,000 clinics and 300,000 practitioners) and answers the standard search. A memory setting
/// of the service that the load cannot live with (as a 320 MB heap limit once was) fails here.
/// </summary>
[Collection(nameof(ScaleStartTests))]
public sealed class ScaleStartTests : IDisposable
{
    private readonly TempDirectory _root = new("clinicdirectory-scale");

    public void Dispose() => _root.Dispose();

    [Fact]
    public async Task The_service_loads_100000_clinics_and_300000_practitioners_and_searches_them()
    {
        var seed = Path.Combine(_root.Path, "seed");
        using (var output = new StringWriter())
        {
            var exitCode = GenerateCommand.Run(["--clinics", "100000", "--practitioners", "300000", "--out", seed, "--seed", "42"], output);
            Assert.True(exitCode == 0, output.ToString());
        }

        using var service = ServiceProcess.Start(Path.Combine(_root.Path, "data"), seed);
        await service.WaitReadyAsync(TimeSpan.FromMinutes(5));

        var all = await service.Client.DataAsync("{ clinics: searchClinics(first: 1) { totalCount } practitioners: searchPractitioners(first: 1) { totalCount } }");
        Assert.Equal(100_000, all["clinics"]!["totalCount"]!.GetValue<int>());
        Assert.Equal(300_000, all["practitioners"]!["totalCount"]!.GetValue<int>());

        var standard = await service.Client.DataAsync("""
            { searchClinics(filter: { text: "neck pain", location: { place: "Toronto, ON", radiusKm: 25 }, certifications: ["kinetacore"] }, first: 20) {
                totalCount edges { distanceKm node { id address { city } } } facets { certifications { value count } } } }
            """);
        var result = standard["searchClinics"]!;
        var edges = result["edges"]!.AsArray();
        Assert.Equal(20, edges.Count);
        Assert.True(result["totalCount"]!.GetValue<int>() > 20);
        Assert.All(edges, e => Assert.InRange(e!["distanceKm"]!.GetValue<double>(), 0, 25));
        Assert.Contains(result["facets"]!["certifications"]!.AsArray(), v => v!["value"]!.GetValue<string>() == "kinetacore");
    }
}
