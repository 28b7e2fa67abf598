using System.Collections.Concurrent;
using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Analysis;
using Lucene.Net.Documents;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Turns listings into index documents. A clinic document carries what its practitioners bring to a clinic
/// search (their names and certifications); a practitioner document carries where its clinics are. Each
/// text is analyzed once. Conditions, techniques, certifications and professions are indexed as their ids
/// only: a search finds their words through <see cref="TaxonomyWords"/>. Documents are reused per thread
/// (see <see cref="ReusableDocument"/>): hand each one to the IndexWriter before building the next on the
/// same thread.
/// </summary>
internal sealed class DocumentBuilder(DirectoryTaxonomy taxonomy, TaxonomyWords taxonomyWords, Analyzer analyzer, TimeProvider time)
{
    /// <summary>Lucene's limit for one DocValues value; listings are validated far below it.</summary>
    private const int MaxJsonBytes = 32_000;

    [ThreadStatic]
    private static ReusableDocument? _reusable;

    [ThreadStatic]
    private static (JsonBuffer Listing, JsonBuffer Summary)? _json;

    /// <summary>A reused buffer a listing is serialized into; valid until the next serialization on the thread.</summary>
#pragma warning disable CA1001 // One per thread for the thread's life; its writer writes to memory and holds nothing to release.
    private sealed class JsonBuffer
#pragma warning restore CA1001
    {
        private readonly System.Buffers.ArrayBufferWriter<byte> _buffer = new(4096);
        private readonly Utf8JsonWriter _writer;

        public JsonBuffer() => _writer = new Utf8JsonWriter(_buffer, new JsonWriterOptions { Encoder = DirectoryJson.Options.Encoder, SkipValidation = true });

        public ArraySegment<byte> Write<T>(T value)
        {
            _buffer.ResetWrittenCount();
            _writer.Reset(_buffer);
            JsonSerializer.Serialize(_writer, value, DirectoryJson.Options);
            _writer.Flush();
            return System.Runtime.InteropServices.MemoryMarshal.TryGetArray(_buffer.WrittenMemory, out var bytes)
                ? bytes : throw new InvalidOperationException("The JSON buffer is not an array.");
        }
    }

    private static (JsonBuffer Listing, JsonBuffer Summary) Json => _json ??= (new JsonBuffer(), new JsonBuffer());

    // A city's words, analyzed on first use (cities are not known in advance).
    private readonly ConcurrentDictionary<string, string[]> _cityWords = new(StringComparer.Ordinal);

    /// <summary>
    /// A clinic's document. Practitioners who may not needle where they practise (<paramref name="assess"/>) bring it no
    /// needling technique and no certification; certifications of practitioners who are qualified there also count
    /// for qualifiedOnly.
    /// </summary>
    public Document BuildClinic(Clinic clinic, IReadOnlyList<Practitioner> practitioners, Func<Practitioner, NeedlingAssessment> assess)
    {
        const string t = Fields.ClinicType;
        var d = Start(t, clinic.Id, clinic.Name, Json.Listing.Write(clinic), Json.Summary.Write(ListingSummary.Of(clinic)));
        var text = Text.Begin(analyzer);
        text.AddName(clinic.Name);
        text.Add(clinic.Description);
        AddPlace(d, t, clinic, text);
        AddPoints(d, t, [(clinic.Latitude, clinic.Longitude)]);
        AddConditions(d, t, clinic.Conditions);
        var techniques = new HashSet<Technique>(clinic.Techniques);
        var credentials = new List<Credential>();
        var qualified = new List<Credential>();
        foreach (var p in practitioners)
        {
            var assessment = assess(p);
            techniques.UnionWith(assessment.Techniques(p));
            credentials.AddRange(assessment.Credentials(p));
            qualified.AddRange(assessment.QualifiedCredentials(p));
        }
        AddTechniques(d, t, techniques);
        AddLanguages(d, t, clinic.Languages);
        AddCredentials(d, t, credentials, qualified, text);
        foreach (var p in practitioners) text.Add(p.Name);
        d.String(Fields.Of(t, Fields.DirectBilling), clinic.DirectBilling ? "1" : "0");
        d.String(Fields.Of(t, Fields.Accepting), clinic.AcceptingNewPatients ? "1" : "0");
        text.AddTo(d, t);
        return d.Complete();
    }

    /// <summary>
    /// A practitioner's document. One who may not needle where they practise has no needling technique and no
    /// certification in it; one who is qualified there (registration and authorization hold) has them for qualifiedOnly too.
    /// </summary>
    public Document BuildPractitioner(Practitioner practitioner, IReadOnlyList<Clinic> clinics, NeedlingAssessment assessment)
    {
        const string t = Fields.PractitionerType;
        var d = Start(t, practitioner.Id, practitioner.Name, Json.Listing.Write(practitioner), Json.Summary.Write(ListingSummary.Of(practitioner)));
        var text = Text.Begin(analyzer);
        text.AddName(practitioner.Name);
        text.Add(practitioner.Bio);
        foreach (var clinic in clinics)
        {
            text.Add(clinic.Name);
            AddPlace(d, t, clinic, text);
            d.String(Fields.Of(t, Fields.ClinicId), clinic.Id);
        }
        AddPoints(d, t, [.. clinics.Select(c => (c.Latitude, c.Longitude))]);
        AddConditions(d, t, practitioner.Conditions);
        AddTechniques(d, t, assessment.Techniques(practitioner));
        AddLanguages(d, t, practitioner.Languages);
        AddCredentials(d, t, assessment.Credentials(practitioner), assessment.QualifiedCredentials(practitioner), text);
        d.String(Fields.Of(t, Fields.Profession), practitioner.Profession.ToString());
        d.String(Fields.Of(t, Fields.Accepting), practitioner.AcceptingNewPatients ? "1" : "0");
        text.AddTo(d, t);
        return d.Complete();
    }

    /// <summary>A listing's key (<see cref="Fields.Uid"/>): its type and id, "clinic:abc".</summary>
    public static string Uid(string type, string id) => type + ":" + id;

    /// <summary>The id in a key's UTF-8 bytes (<see cref="Uid"/>): what follows the first colon (types have none).</summary>
    public static ReadOnlySpan<byte> IdOfUid(ReadOnlySpan<byte> key) => key[(key.IndexOf((byte)':') + 1)..];

    public static string CityKey(Address address) => $"{address.City}, {address.Region}";

    /// <summary>
    /// The first eight characters of a folded name (<see cref="TextNormalizer.Key"/>) packed six bits each:
    /// numeric order equals name order on those characters, so NAME sort compares numbers and reads names
    /// only on ties.
    /// </summary>
    public static long FoldedNameKey(string key)
    {
        long packed = 0;
        for (var i = 0; i < 8; i++)
        {
            var c = i < key.Length ? key[i] : '\0';
            long code = c switch
            {
                '\0' => 0,
                ' ' => 1,
                >= '0' and <= '9' => 2 + (c - '0'),
                >= 'a' and <= 'z' => 12 + (c - 'a'),
                _ => 63,
            };
            packed = (packed << 6) | code;
        }
        return packed;
    }

    /// <summary>
    /// The words of a document: its name and everything else but its conditions' words. Search needs
    /// only which words occur, so each field gets each distinct word once. One per thread, cleared for each
    /// document (like <see cref="ReusableDocument"/>); words are analyzed straight into its sets, and a
    /// word seen before on the thread is not allocated again.
    /// </summary>
    private sealed class Text
    {
        private const int MaxPooledWords = 16_000;

        [ThreadStatic]
        private static Text? _current;

        private readonly HashSet<string> _pool = new(StringComparer.Ordinal);
        private readonly HashSet<string>.AlternateLookup<ReadOnlySpan<char>> _pooled;
        private readonly HashSet<string> _name = new(StringComparer.Ordinal);
        private readonly HashSet<string> _all = new(StringComparer.Ordinal);
        private Analyzer _analyzer = null!;

        private Text() => _pooled = _pool.GetAlternateLookup<ReadOnlySpan<char>>();

        public static Text Begin(Analyzer analyzer)
        {
            var text = _current ??= new Text();
            text._analyzer = analyzer;
            text._name.Clear();
            text._all.Clear();
            return text;
        }

        public void AddName(string? text) => Analyze(text, static (text, word, _, _) =>
        {
            var pooled = text.Pooled(word);
            text._all.Add(pooled);
            text._name.Add(pooled);
        });

        public void Add(string? text) => Analyze(text, static (text, word, _, _) => text._all.Add(text.Pooled(word)));

        public void Add(IReadOnlyList<string> words)
        {
            // By index: a foreach over the interface would allocate an enumerator per call.
            for (var i = 0; i < words.Count; i++) _all.Add(words[i]);
        }

        private void Analyze(string? text, WordAction<Text> add)
        {
            if (!string.IsNullOrWhiteSpace(text)) TextAnalysis.ForEachWord(_analyzer, text, this, add);
        }

        /// <summary>The word as a string, the thread's earlier one when it was seen before.</summary>
        private string Pooled(ReadOnlySpan<char> chars)
        {
            if (!_pooled.TryGetValue(chars, out var word))
            {
                if (_pool.Count >= MaxPooledWords) _pool.Clear();
                word = new string(chars);
                _pool.Add(word);
            }
            return word;
        }

        public void AddTo(ReusableDocument d, string t)
        {
            d.Strings(Fields.Of(t, Fields.Name), _name);
            d.Strings(Fields.Of(t, Fields.All), _all);
        }
    }

    private static ReusableDocument Start(string type, string id, string name, ArraySegment<byte> json, ArraySegment<byte> summary)
    {
        if (json.Count > MaxJsonBytes)
            throw new InvalidDataException($"The {type} {id} is too large to index ({json.Count} bytes).");
        var d = _reusable ??= new ReusableDocument();
        d.Clear();
        d.String(Fields.Type, type);
        d.String(Fields.Uid, Uid(type, id));
        // The listing itself, as JSON in a stored field: read whole only when a listing is asked for by id or
        // a search selects more than its summary. Lucene writes stored values as they come and copies their
        // compressed blocks when merging, where a binary DocValues value is held in memory until the segment
        // is flushed and read back and written again by every merge (about a tenth of a bulk load's CPU).
        d.Stored(Fields.Json, json);
        // The summary, as JSON in a DocValues field: what a page of search hits reads, by random access, with
        // no stored-field block to decompress per hit.
        d.Binary(Fields.SummaryJson, summary);
        d.Sorted(Fields.NameSort, TextNormalizer.Key(name));
        return d;
    }

    private void AddPlace(ReusableDocument d, string t, Clinic clinic, Text text)
    {
        var city = CityKey(clinic.Address);
        d.String(Fields.Of(t, Fields.City), city);
        text.Add(_cityWords.GetOrAdd(city, static (c, a) => TextAnalysis.Words(a, c), analyzer));
        text.Add(clinic.Address.PostalCode);
    }

    private static void AddPoints(ReusableDocument d, string t, IReadOnlyList<(double Lat, double Lon)> points)
    {
        var packed = new byte[points.Count * 16];
        for (var i = 0; i < points.Count; i++)
        {
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(packed.AsSpan(i * 16), points[i].Lat);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(packed.AsSpan(i * 16 + 8), points[i].Lon);
        }
        for (var level = 0; level < GeoCells.Sizes.Length; level++)
        {
            var field = GeoCells.Field(t, level);
            for (var i = 0; i < points.Count; i++)
            {
                // Points in one cell (a practitioner's nearby clinics) give the cell once.
                var cell = GeoCells.Cell(points[i].Lat, points[i].Lon, level);
                var seen = false;
                for (var k = 0; k < i && !seen; k++) seen = GeoCells.Cell(points[k].Lat, points[k].Lon, level) == cell;
                if (!seen) d.String(field, cell);
            }
        }
        d.Binary(Fields.Geo, packed);
    }

    private void AddConditions(ReusableDocument d, string t, IEnumerable<string> conditionIds)
    {
        foreach (var id in conditionIds.Distinct())
        {
            if (!taxonomyWords.HasCondition(id)) continue;
            // The id only: a search for one of the condition's words (its name or a synonym, so "jaw pain"
            // finds a clinic that lists TMJ) reads the documents with the id as documents with the word.
            d.String(Fields.Of(t, Fields.Condition), id);
        }
    }

    private static void AddTechniques(ReusableDocument d, string t, IEnumerable<Technique> techniques)
    {
        // The id only: a search for one of the technique's names finds it (see TaxonomyWords).
        foreach (var technique in techniques.Distinct())
            d.String(Fields.Of(t, Fields.Technique), TechniqueVocabulary.ConstantName(technique));
    }

    private static void AddLanguages(ReusableDocument d, string t, IEnumerable<string> languages)
    {
        foreach (var language in languages.Select(l => l.ToLowerInvariant()).Distinct())
        {
            d.String(Fields.Of(t, Fields.Language), language);
        }
    }

    /// <summary>
    /// The certifications a listing holds: a self-reported or verified credential not past its expiry date counts under
    /// its program's id and its body's id, a verified one also for verifiedOnly, and those of qualified practitioners
    /// also for qualifiedOnly; one that expires is indexed with its date, so that it stops counting the day after at
    /// query time (<see cref="CertificationTerms"/>).
    /// </summary>
    private void AddCredentials(ReusableDocument d, string t, IEnumerable<Credential> credentials, IEnumerable<Credential> qualifiedCredentials, Text text)
    {
        var (held, verified) = Holdings(credentials, text);
        foreach (var term in CertificationTerms.Terms(held)) d.String(Fields.Of(t, Fields.Certification), term);
        foreach (var term in CertificationTerms.Terms(verified)) d.String(Fields.Of(t, Fields.CertificationVerified), term);
        // A qualified practitioner's own document: the same credentials, read once.
        var (qualified, qualifiedVerified) = ReferenceEquals(credentials, qualifiedCredentials) ? (held, verified) : Holdings(qualifiedCredentials, null);
        foreach (var term in CertificationTerms.Terms(qualified)) d.String(Fields.Of(t, Fields.CertificationQualified), term);
        foreach (var term in CertificationTerms.Terms(qualifiedVerified)) d.String(Fields.Of(t, Fields.CertificationQualifiedVerified), term);
    }

    private (List<(string, DateOnly?)> Held, List<(string, DateOnly?)> Verified) Holdings(IEnumerable<Credential> credentials, Text? text)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var held = new List<(string, DateOnly?)>();
        var verified = new List<(string, DateOnly?)>();
        foreach (var credential in credentials)
        {
            var program = taxonomy.ProgramById(credential.ProgramId);
            if (program is null) continue;
            var status = credential.EffectiveStatus(today);
            if (status is not (VerificationStatus.SelfReported or VerificationStatus.Verified)) continue;
            held.Add((program.Id, credential.ExpiresOn));
            held.Add((program.BodyId, credential.ExpiresOn));
            // Found by the program's id (see TaxonomyWords), but for a program whose id is also a body's.
            text?.Add(taxonomyWords.IndexedProgramWords(program.Id));
            if (status == VerificationStatus.Verified)
            {
                verified.Add((program.Id, credential.ExpiresOn));
                verified.Add((program.BodyId, credential.ExpiresOn));
            }
        }
        return (held, verified);
    }
}
