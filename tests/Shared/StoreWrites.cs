using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Tests.Shared;

/// <summary>Listings written to a real store and projected into an engine, as the service writes them.</summary>
public static class StoreWrites
{
    /// <summary>Loads listings into the empty store and brings the index up to it, as the seed is loaded.</summary>
    public static async Task LoadAsync(IDirectoryStore store, DirectoryProjector projector, IEnumerable<(IReadOnlyList<Clinic> Clinics, IReadOnlyList<Practitioner> Practitioners)> batches)
    {
        await store.LoadAsync(new StoreLoad { Listings = batches, Origin = "test" }, null, CancellationToken.None);
        await projector.CatchUpAsync(null, CancellationToken.None);
    }

    /// <summary>
    /// Writes listings as they are given (each one's version the stored one plus one) and removes practitioners, in one
    /// store transaction, and waits for the index to show it, as an accepted edit does.
    /// </summary>
    public static async Task WriteAsync(IDirectoryStore store, DirectoryProjector projector, IReadOnlyList<Clinic>? clinics, IReadOnlyList<Practitioner>? practitioners, IReadOnlyList<string>? removed)
    {
        clinics ??= [];
        practitioners ??= [];
        removed ??= [];
        var storedClinics = (await store.GetClinicsAsync([.. clinics.Select(c => c.Id)], default)).ToDictionary(c => c.Id);
        var storedPractitioners = (await store.GetPractitionersAsync([.. practitioners.Select(p => p.Id).Concat(removed)], default)).ToDictionary(p => p.Id);
        foreach (var c in clinics) c.Version = (storedClinics.GetValueOrDefault(c.Id)?.Version ?? 0) + 1;
        foreach (var p in practitioners) p.Version = (storedPractitioners.GetValueOrDefault(p.Id)?.Version ?? 0) + 1;
        var sequence = await store.CommitAsync(new StoreChange
        {
            Clinics = [.. clinics.Select(c => (c, storedClinics.TryGetValue(c.Id, out var s) ? s.Version : (int?)null))],
            Practitioners = [.. practitioners.Select(p => (p, storedPractitioners.TryGetValue(p.Id, out var s) ? s.Version : (int?)null))],
            DeletedPractitioners = [.. removed.Select(id => (id, storedPractitioners[id].Version))],
            ClinicIds = [.. storedPractitioners.Values.Concat(practitioners).SelectMany(p => p.ClinicIds).Distinct()],
            Audit = new AuditEntry { Sequence = 0, At = DateTimeOffset.UtcNow, KeyId = "test", Role = ApiKeyRole.Admin, Action = "test", ObjectType = "Test", ObjectId = "test" },
        }, default);
        Assert.NotNull(sequence);
        await projector.CatchUpAsync(sequence, default);
    }
}
