using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Seeding;
using Lucene.Net.Index;
using Lucene.Net.Search;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Reads the listings out of an embedded index of a data directory written before the store of record existed,
/// when the index was the only copy of every listing; the store imports them once (DirectoryImport).
/// </summary>
public static class IndexListings
{
    private static readonly string ClinicKeys = DocumentBuilder.Uid(Fields.ClinicType, "");
    private static readonly string PractitionerKeys = DocumentBuilder.Uid(Fields.PractitionerType, "");

    /// <summary>Whether the folder holds an index with at least one document.</summary>
    public static bool Exist(string indexPath)
    {
        if (!System.IO.Directory.Exists(indexPath)) return false;
        DirectoryCodec.Register();
        using var directory = FSDirectory.Open(new DirectoryInfo(indexPath));
        if (!DirectoryReader.IndexExists(directory)) return false;
        var commit = new SegmentInfos();
        commit.Read(directory);
        return commit.TotalDocCount > 0;
    }

    /// <summary>
    /// Every live listing of an index of any layout so far: its type and id from its key, its JSON from the stored
    /// field or, in the first layout, the binary DocValues field of the same name. Throws when a live document is
    /// not a listing this can read.
    /// </summary>
    public static (List<Clinic> Clinics, List<Practitioner> Practitioners) Read(string indexPath)
    {
        DirectoryCodec.Register();
        using var directory = FSDirectory.Open(new DirectoryInfo(indexPath));
        var clinics = new List<Clinic>();
        var practitioners = new List<Practitioner>();
        using var reader = DirectoryReader.Open(directory);
        var stored = new JsonFieldVisitor();
        var bytes = new BytesRef();
        foreach (var leaf in reader.Leaves)
        {
            var segment = leaf.AtomicReader;
            var binary = segment.GetBinaryDocValues(Fields.Json);
            var keys = segment.GetTerms(Fields.Uid)?.GetEnumerator();
            DocsEnum? docs = null;
            while (keys is not null && keys.MoveNext())
            {
                var key = keys.Term.Utf8ToString();
                docs = keys.Docs(segment.LiveDocs, docs, DocsFlags.NONE);
                for (var doc = docs.NextDoc(); doc != DocIdSetIterator.NO_MORE_DOCS; doc = docs.NextDoc())
                {
                    segment.Document(doc, stored);
                    ReadOnlySpan<byte> json = stored.Take();
                    if (json.IsEmpty && binary is not null)
                    {
                        binary.Get(doc, bytes);
                        json = bytes.Bytes.AsSpan(bytes.Offset, bytes.Length);
                    }
                    if (json.IsEmpty) throw new InvalidDataException($"A document of the index in {indexPath} ({key}) has no listing JSON to import.");
                    if (key.StartsWith(ClinicKeys, StringComparison.Ordinal))
                        clinics.Add(JsonSerializer.Deserialize<Clinic>(json, DirectoryJson.Options)!);
                    else if (key.StartsWith(PractitionerKeys, StringComparison.Ordinal))
                        practitioners.Add(JsonSerializer.Deserialize<Practitioner>(json, DirectoryJson.Options)!);
                }
            }
        }
        if (clinics.Count + practitioners.Count != reader.NumDocs)
            throw new InvalidDataException($"The index in {indexPath} holds documents that are not listings; it cannot be imported.");
        return (clinics, practitioners);
    }
}
