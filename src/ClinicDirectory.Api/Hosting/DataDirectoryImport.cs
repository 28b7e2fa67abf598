using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Search.Lucene;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// A data directory written before the store of record existed (the embedded index as the only copy of every
/// listing, keys.jsonl, audit.jsonl, persisted-documents.jsonl) is imported into an empty store on first start, once.
/// The old files are first moved into "before-store" under the data directory, where they stay; the import reads
/// them from there and commits everything in one transaction, so a crash at any point imports it all on the next start.
/// </summary>
public static class DataDirectoryImport
{
    public const string Folder = "before-store";

    private static readonly string[] Files = ["index", "keys.jsonl", "audit.jsonl", "persisted-documents.jsonl"];

    /// <summary>Imports when the store is empty and the data directory holds such files; returns what it imported, or null.</summary>
    public static async Task<string?> RunAsync(IDirectoryStore store, string dataPath, ILogger logger, CancellationToken cancellationToken)
    {
        if (await store.LastSequenceAsync(cancellationToken) > 0) return null;
        var kept = Path.Combine(dataPath, Folder);
        var legacyIndex = IndexListings.Exist(Path.Combine(dataPath, "index"));
        if (!Directory.Exists(kept) && !legacyIndex && !File.Exists(Path.Combine(dataPath, "keys.jsonl")) && !File.Exists(Path.Combine(dataPath, "audit.jsonl")))
            return null;

        Directory.CreateDirectory(kept);
        foreach (var name in Files)
        {
            var from = Path.Combine(dataPath, name);
            var to = Path.Combine(kept, name);
            if (name == "index" && !legacyIndex) continue;
            if (File.Exists(from) && !File.Exists(to)) File.Move(from, to);
            else if (Directory.Exists(from) && !Directory.Exists(to)) Directory.Move(from, to);
        }

        var (clinics, practitioners) = IndexListings.Exist(Path.Combine(kept, "index")) ? IndexListings.Read(Path.Combine(kept, "index")) : ([], []);
        var keys = Read<ApiKey>(Path.Combine(kept, "keys.jsonl")).GroupBy(k => k.Id).Select(g => g.Last()).ToList();
        var audit = Read<AuditEntry>(Path.Combine(kept, "audit.jsonl"));
        var documents = Read<PersistedDocument>(Path.Combine(kept, "persisted-documents.jsonl")).DistinctBy(d => d.Id).ToList();
        logger.LogInformation("Importing the data directory's files from before the store ({Folder}): {Clinics} clinics, {Practitioners} practitioners, {Keys} keys, {Audit} audit entries, {Documents} documents.",
            kept, clinics.Count, practitioners.Count, keys.Count, audit.Count, documents.Count);
        await store.LoadAsync(new StoreLoad
        {
            Listings = [(clinics, practitioners)],
            Keys = keys,
            Audit = audit,
            PersistedDocuments = documents,
            Origin = "import",
        }, null, cancellationToken);
        return $"{clinics.Count} clinics, {practitioners.Count} practitioners, {keys.Count} keys, {audit.Count} audit entries, {documents.Count} documents";
    }

    private static List<T> Read<T>(string path) => JsonLinesFile.ReadAll<T>(path);
}
