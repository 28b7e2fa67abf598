using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>Index batches made from complete lists of listings, as the projector makes them from the store.</summary>
internal static class TestBatches
{
    /// <summary>Each clinic with those of the practitioners listed there, each practitioner with those of the clinics it is at.</summary>
    public static IndexBatch Of(long sequence, IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner>? practitioners = null)
    {
        practitioners ??= [];
        return new IndexBatch
        {
            Sequence = sequence,
            Clinics = [.. clinics.Select(c => (c, (IReadOnlyList<Practitioner>)[.. practitioners.Where(p => p.ClinicIds.Contains(c.Id))]))],
            Practitioners = [.. practitioners.Select(p => (p, (IReadOnlyList<Clinic>)[.. clinics.Where(c => p.ClinicIds.Contains(c.Id))]))],
        };
    }
}
