using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using GraphQL.DataLoader;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// A clinic list's practitioners in one read: each clinic's <c>practitioners</c> field returns a data-loader result
/// (graphql-dotnet's <see cref="IDataLoaderResult"/>); the library resolves a level's fields first and then asks for
/// their results, and the first result asked for reads every clinic queued by then with one searcher. One per request.
/// </summary>
public sealed class PractitionersByClinic(IDirectoryEngine engine)
{
    private readonly HashSet<string> _pending = new(StringComparer.Ordinal);
    private readonly Dictionary<string, IReadOnlyList<Practitioner>> _loaded = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    public IDataLoaderResult<IReadOnlyList<Practitioner>> Load(string clinicId, CancellationToken cancellationToken)
    {
        lock (_lock)
        {
            if (!_loaded.ContainsKey(clinicId)) _pending.Add(clinicId);
        }
        return new Result(this, clinicId, cancellationToken);
    }

    private async Task<IReadOnlyList<Practitioner>> GetAsync(string clinicId, CancellationToken cancellationToken)
    {
        string[] batch;
        lock (_lock)
        {
            if (_loaded.TryGetValue(clinicId, out var done)) return done;
            batch = [.. _pending];
            _pending.Clear();
        }
        var read = await engine.GetPractitionersOfClinicsAsync(batch.Length > 0 ? batch : [clinicId], cancellationToken).ConfigureAwait(false);
        lock (_lock)
        {
            foreach (var (id, practitioners) in read) _loaded[id] = practitioners;
            return _loaded.TryGetValue(clinicId, out var found) ? found : [];
        }
    }

    private sealed class Result(PractitionersByClinic loader, string clinicId, CancellationToken cancellationToken) : IDataLoaderResult<IReadOnlyList<Practitioner>>
    {
        public Task<IReadOnlyList<Practitioner>> GetResultAsync(CancellationToken cancellation = default) => loader.GetAsync(clinicId, cancellationToken);

        async Task<object?> IDataLoaderResult.GetResultAsync(CancellationToken cancellation) => await GetResultAsync(cancellation).ConfigureAwait(false);
    }
}
