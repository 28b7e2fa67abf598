using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Projection;

/// <summary>
/// Keeps a search index a projection of the store: reads the change log after the index's last sequence, reads the
/// listings those changes touch as they are now in the store, and hands the engine documents complete in themselves.
/// Applying a change twice writes the same documents, so catching up after a crash is always safe. One catch-up runs
/// at a time; writers waiting for theirs are served by the same pass.
/// </summary>
public sealed class DirectoryProjector(IDirectoryStore store, IDirectoryEngine engine, JurisdictionRules? rules = null) : IDisposable
{
    private readonly JurisdictionRules _rules = rules ?? JurisdictionRules.None;

    /// <summary>Each practitioner of the batch assessed against the jurisdiction rules, at the clinics the batch has for them.</summary>
    private Dictionary<string, NeedlingAssessment> Assess(
        IEnumerable<(Clinic Clinic, IReadOnlyList<Practitioner> Practitioners)> clinics,
        IEnumerable<(Practitioner Practitioner, IReadOnlyList<Clinic> Clinics)> practitioners)
    {
        // Without rules every practitioner may needle: the batch's default (IndexBatch.AssessmentOf) says so.
        if (_rules.Rules.Count == 0) return [];
        var at = new Dictionary<string, (Practitioner Practitioner, List<Clinic> Clinics)>(StringComparer.Ordinal);
        void Add(Practitioner p, IEnumerable<Clinic> places)
        {
            if (!at.TryGetValue(p.Id, out var entry)) at[p.Id] = entry = (p, []);
            foreach (var c in places)
                if (!entry.Clinics.Any(k => k.Id == c.Id)) entry.Clinics.Add(c);
        }
        foreach (var (p, places) in practitioners) Add(p, places);
        foreach (var (c, staff) in clinics)
            foreach (var p in staff) Add(p, [c]);
        return at.ToDictionary(e => e.Key, e => _rules.Assess(e.Value.Practitioner, e.Value.Clinics), StringComparer.Ordinal);
    }

    /// <summary>Change-log entries read per pass.</summary>
    private const int PassSize = 2_000;

    /// <summary>Clinics per batch of a rebuild.</summary>
    private const int RebuildBatch = 5_000;

    private readonly SemaphoreSlim _lock = new(1, 1);

    /// <summary>Raised after a pass with the kinds of what was not a listing (keys, documents) that changed in it.</summary>
    public event Action<IReadOnlySet<ChangeKind>>? OtherChanges;

    /// <summary>Brings the index up to at least <paramref name="sequence"/> (null: to the store's last entry).</summary>
    public async Task CatchUpAsync(long? sequence, CancellationToken cancellationToken)
    {
        if (sequence is { } s && engine.AppliedSequence >= s) return;
        await _lock.WaitAsync(cancellationToken);
        try
        {
            while (sequence is null || engine.AppliedSequence < sequence)
            {
                var changes = await store.ReadChangesAsync(engine.AppliedSequence, PassSize, null, cancellationToken);
                if (changes.Count == 0) return;
                if (changes.LastOrDefault(c => c.Kind == ChangeKind.Load) is not null)
                {
                    // A bulk load since the index's sequence: the whole index is built again from the store.
                    await RebuildLockedAsync(null, cancellationToken);
                    continue;
                }
                await engine.ApplyAsync(await BatchAsync(changes, cancellationToken), cancellationToken);
                var others = changes.Where(c => c.Kind is ChangeKind.ApiKey or ChangeKind.PersistedDocument).Select(c => c.Kind).ToHashSet();
                if (others.Count > 0) OtherChanges?.Invoke(others);
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Builds the whole index again from the store; progress reports the clinics written so far.</summary>
    public async Task RebuildAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken);
        try
        {
            await RebuildLockedAsync(progress, cancellationToken);
        }
        finally
        {
            _lock.Release();
        }
    }

    private async Task RebuildLockedAsync(IProgress<int>? progress, CancellationToken cancellationToken)
    {
        // Everything committed up to here is in what is read next; a change committed while reading is applied
        // again by the next catch-up, which is harmless.
        var sequence = await store.LastSequenceAsync(cancellationToken);
        var clinics = new List<Clinic>();
        await foreach (var page in store.ReadClinicsAsync(RebuildBatch, cancellationToken)) clinics.AddRange(page);
        // In place order, so that the listings a search around a place visits sit together in the index.
        clinics.Sort((a, b) => PlaceOrder.Key(a.Latitude, a.Longitude).CompareTo(PlaceOrder.Key(b.Latitude, b.Longitude)));
        var byId = clinics.ToDictionary(c => c.Id, StringComparer.Ordinal);
        await engine.RebuildAsync(RebuildBatches(clinics, byId, progress, cancellationToken), sequence, cancellationToken);
    }

    /// <summary>
    /// The store's listings in batches of clinics with their practitioners; each practitioner goes with the first of
    /// its clinics in place order. Read from the store as the engine takes the batches.
    /// </summary>
    private IEnumerable<IndexBatch> RebuildBatches(List<Clinic> clinics, Dictionary<string, Clinic> byId, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        var written = new HashSet<string>(StringComparer.Ordinal);
        var done = 0;
        foreach (var chunk in clinics.Chunk(RebuildBatch))
        {
            var staff = store.GetPractitionersOfClinicsAsync([.. chunk.Select(c => c.Id)], cancellationToken).GetAwaiter().GetResult();
            var byClinic = staff.SelectMany(p => p.ClinicIds.Select(c => (Clinic: c, Practitioner: p))).ToLookup(x => x.Clinic, x => x.Practitioner, StringComparer.Ordinal);
            var practitioners = staff.Where(p => written.Add(p.Id))
                .Select(p => (p, (IReadOnlyList<Clinic>)[.. p.ClinicIds.Select(byId.GetValueOrDefault).OfType<Clinic>()]))
                .ToList();
            List<(Clinic, IReadOnlyList<Practitioner>)> batchClinics = [.. chunk.Select(c => (c, (IReadOnlyList<Practitioner>)[.. byClinic[c.Id]]))];
            yield return new IndexBatch
            {
                Sequence = 0,
                Clinics = batchClinics,
                Practitioners = practitioners,
                Needling = Assess(batchClinics, practitioners),
            };
            done += chunk.Length;
            progress?.Report(done);
        }
    }

    /// <summary>
    /// The documents a run of changes touches, as the store holds them now: changed practitioners (deleted when gone)
    /// and the clinics they were and are listed at; changed clinics and their practitioners, which carry the clinic's
    /// place.
    /// </summary>
    private async Task<IndexBatch> BatchAsync(IReadOnlyList<ChangeEntry> changes, CancellationToken cancellationToken)
    {
        var practitionerIds = new HashSet<string>(StringComparer.Ordinal);
        var clinicIds = new HashSet<string>(StringComparer.Ordinal);
        var changedClinics = new HashSet<string>(StringComparer.Ordinal);
        foreach (var change in changes)
        {
            if (change.Kind == ChangeKind.Practitioner)
            {
                practitionerIds.Add(change.Id);
                clinicIds.UnionWith(change.ClinicIds);
            }
            else if (change.Kind == ChangeKind.Clinic)
            {
                changedClinics.Add(change.Id);
            }
        }
        clinicIds.UnionWith(changedClinics);

        var practitioners = (await store.GetPractitionersAsync(practitionerIds, cancellationToken)).ToDictionary(p => p.Id, StringComparer.Ordinal);
        var deletedPractitioners = practitionerIds.Where(id => !practitioners.ContainsKey(id)).ToList();
        foreach (var p in practitioners.Values) clinicIds.UnionWith(p.ClinicIds);

        // Every practitioner of the clinics to write; those of changed clinics are written again too.
        var staff = await store.GetPractitionersOfClinicsAsync(clinicIds, cancellationToken);
        foreach (var p in staff)
        {
            if (p.ClinicIds.Any(changedClinics.Contains)) practitioners.TryAdd(p.Id, p);
        }
        var staffByClinic = staff.Concat(practitioners.Values).DistinctBy(p => p.Id)
            .SelectMany(p => p.ClinicIds.Select(c => (Clinic: c, Practitioner: p)))
            .ToLookup(x => x.Clinic, x => x.Practitioner, StringComparer.Ordinal);

        var neededClinics = new HashSet<string>(clinicIds, StringComparer.Ordinal);
        foreach (var p in practitioners.Values) neededClinics.UnionWith(p.ClinicIds);
        var clinics = (await store.GetClinicsAsync(neededClinics, cancellationToken)).ToDictionary(c => c.Id, StringComparer.Ordinal);

        List<(Clinic, IReadOnlyList<Practitioner>)> batchClinics = [.. clinicIds.Where(clinics.ContainsKey).Select(id => (clinics[id], (IReadOnlyList<Practitioner>)[.. staffByClinic[id].OrderBy(p => p.Name, StringComparer.Ordinal)]))];
        List<(Practitioner, IReadOnlyList<Clinic>)> batchPractitioners = [.. practitioners.Values.Select(p => (p, (IReadOnlyList<Clinic>)[.. p.ClinicIds.Select(clinics.GetValueOrDefault).OfType<Clinic>()]))];
        return new IndexBatch
        {
            Sequence = changes[^1].Sequence,
            Clinics = batchClinics,
            Practitioners = batchPractitioners,
            DeletedClinicIds = [.. clinicIds.Where(id => !clinics.ContainsKey(id))],
            DeletedPractitionerIds = deletedPractitioners,
            Needling = Assess(batchClinics, batchPractitioners),
        };
    }

    public void Dispose() => _lock.Dispose();
}
