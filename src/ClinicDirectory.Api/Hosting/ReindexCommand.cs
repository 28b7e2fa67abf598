using System.Diagnostics;
using System.Globalization;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// <c>dotnet run --project src/ClinicDirectory.Api -- reindex</c>: the index of this data directory built again from
/// the store, every listing as the store holds it, with progress. The service must be stopped (it holds the data
/// directory's lock); the next start finds the index up to date.
/// </summary>
public static class ReindexCommand
{
    public static async Task<int> RunAsync(IServiceProvider services, TextWriter output)
    {
        var store = services.GetRequiredService<IDirectoryStore>();
        var engine = services.GetRequiredService<IDirectoryEngine>();
        var projector = services.GetRequiredService<DirectoryProjector>();
        await engine.InitializeAsync(CancellationToken.None);
        var total = await store.CountClinicsAsync(CancellationToken.None);
        var watch = Stopwatch.StartNew();
        await projector.RebuildAsync(new SynchronousProgress<int>(n =>
            output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"indexed {n} of {total} clinics with their practitioners ({watch.Elapsed.TotalSeconds:F1} s)"))), CancellationToken.None);
        await projector.CatchUpAsync(null, CancellationToken.None);
        output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"index rebuilt from the {store.Provider} store up to change {engine.AppliedSequence} in {watch.Elapsed.TotalSeconds:F1} s"));
        return 0;
    }
}
