using System.Buffers.Binary;
using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using Lucene.Net.Documents;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Turns listings into index documents. A clinic document carries what its practitioners bring to a
/// clinic search (their names and certifications); a practitioner document carries where its clinics are.
/// </summary>
internal sealed class DocumentBuilder(DirectoryTaxonomy taxonomy, TimeProvider time)
{
    public Document BuildClinic(Clinic clinic, IReadOnlyList<Practitioner> practitioners)
    {
        var doc = Common(Fields.ClinicType, clinic.Id, clinic.Name, JsonSerializer.SerializeToUtf8Bytes(clinic, DirectoryJson.Options));
        var all = new List<string> { clinic.Name };

        AddText(doc, Fields.Body, clinic.Description, all);
        AddPlace(doc, clinic, all);
        AddPoints(doc, [(clinic.Latitude, clinic.Longitude)]);
        AddConditions(doc, clinic.Conditions, all);
        AddTechniques(doc, clinic.Techniques.Concat(practitioners.SelectMany(p => p.Techniques)).Distinct(), all);
        AddLanguages(doc, clinic.Languages);
        AddCredentials(doc, practitioners.SelectMany(p => p.Credentials), all);
        foreach (var p in practitioners)
            AddText(doc, Fields.People, p.Name, all);
        doc.Add(new StringField(Fields.DirectBilling, clinic.DirectBilling ? "1" : "0", Field.Store.NO));
        doc.Add(new StringField(Fields.Accepting, clinic.AcceptingNewPatients ? "1" : "0", Field.Store.NO));
        doc.Add(new TextField(Fields.All, string.Join(" \n ", all), Field.Store.NO));
        return doc;
    }

    public Document BuildPractitioner(Practitioner practitioner, IReadOnlyList<Clinic> clinics)
    {
        var doc = Common(Fields.PractitionerType, practitioner.Id, practitioner.Name, JsonSerializer.SerializeToUtf8Bytes(practitioner, DirectoryJson.Options));
        var all = new List<string> { practitioner.Name };

        AddText(doc, Fields.Body, practitioner.Bio, all);
        foreach (var clinic in clinics)
        {
            AddText(doc, Fields.People, clinic.Name, all);
            AddPlace(doc, clinic, all);
            doc.Add(new StringField(Fields.ClinicId, clinic.Id, Field.Store.NO));
        }
        AddPoints(doc, [.. clinics.Select(c => (c.Latitude, c.Longitude))]);
        AddConditions(doc, practitioner.Conditions, all);
        AddTechniques(doc, practitioner.Techniques, all);
        AddLanguages(doc, practitioner.Languages);
        AddCredentials(doc, practitioner.Credentials, all);
        AddText(doc, Fields.Body, practitioner.Profession.ToString(), all);
        doc.Add(new StringField(Fields.Profession, practitioner.Profession.ToString(), Field.Store.NO));
        doc.Add(new StringField(Fields.Accepting, practitioner.AcceptingNewPatients ? "1" : "0", Field.Store.NO));
        doc.Add(new TextField(Fields.All, string.Join(" \n ", all), Field.Store.NO));
        return doc;
    }

    public static string Uid(string type, string id) => type + ":" + id;

    public static string CityKey(Address address) => $"{address.City}, {address.Region}";

    private static Document Common(string type, string id, string name, byte[] json)
    {
        var doc = new Document
        {
            new StringField(Fields.Type, type, Field.Store.NO),
            new StringField(Fields.Id, id, Field.Store.NO),
            new StringField(Fields.Uid, Uid(type, id), Field.Store.NO),
            new SortedDocValuesField(Fields.IdSort, new BytesRef(id)),
            new StoredField(Fields.Json, json),
            new TextField(Fields.Name, name, Field.Store.NO),
            new SortedDocValuesField(Fields.NameSort, new BytesRef(NameSortKey(name))),
        };
        return doc;
    }

    /// <summary>Case- and accent-insensitive name order, ties broken by id.</summary>
    public static string NameSortKey(string name) => TextNormalizer.Key(name);

    private static void AddText(Document doc, string field, string? text, List<string> all)
    {
        if (string.IsNullOrWhiteSpace(text)) return;
        doc.Add(new TextField(field, text, Field.Store.NO));
        all.Add(text);
    }

    private static void AddPlace(Document doc, Clinic clinic, List<string> all)
    {
        var city = CityKey(clinic.Address);
        doc.Add(new StringField(Fields.City, city, Field.Store.NO));
        doc.Add(new SortedSetDocValuesField(Fields.FacetCity, new BytesRef(city)));
        AddText(doc, Fields.Places, $"{clinic.Address.City} {clinic.Address.Region} {clinic.Address.PostalCode}", all);
    }

    private static void AddPoints(Document doc, IReadOnlyList<(double Lat, double Lon)> points)
    {
        var packed = new byte[points.Count * 16];
        for (var i = 0; i < points.Count; i++)
        {
            BinaryPrimitives.WriteDoubleLittleEndian(packed.AsSpan(i * 16), points[i].Lat);
            BinaryPrimitives.WriteDoubleLittleEndian(packed.AsSpan(i * 16 + 8), points[i].Lon);
            doc.Add(new DoubleField(Fields.Lat, points[i].Lat, Field.Store.NO));
            doc.Add(new DoubleField(Fields.Lon, points[i].Lon, Field.Store.NO));
        }
        doc.Add(new BinaryDocValuesField(Fields.Geo, new BytesRef(packed)));
    }

    private void AddConditions(Document doc, IEnumerable<string> conditionIds, List<string> all)
    {
        foreach (var id in conditionIds.Distinct())
        {
            var condition = taxonomy.ConditionById(id);
            if (condition is null) continue;
            doc.Add(new StringField(Fields.Condition, id, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(Fields.FacetCondition, new BytesRef(id)));
            // Synonyms are indexed with the listing, so "jaw pain" finds a clinic that lists TMJ.
            AddText(doc, Fields.ConditionsText, condition.Name + " \n " + string.Join(" \n ", condition.Synonyms), all);
        }
    }

    private static void AddTechniques(Document doc, IEnumerable<Technique> techniques, List<string> all)
    {
        foreach (var technique in techniques.Distinct())
        {
            var name = TechniqueVocabulary.ConstantName(technique);
            doc.Add(new StringField(Fields.Technique, name, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(Fields.FacetTechnique, new BytesRef(name)));
            AddText(doc, Fields.TechniquesText, string.Join(" \n ", TechniqueVocabulary.Names(technique)), all);
        }
    }

    private static void AddLanguages(Document doc, IEnumerable<string> languages)
    {
        foreach (var language in languages.Select(l => l.ToLowerInvariant()).Distinct())
        {
            doc.Add(new StringField(Fields.Language, language, Field.Store.NO));
            doc.Add(new SortedSetDocValuesField(Fields.FacetLanguage, new BytesRef(language)));
        }
    }

    private void AddCredentials(Document doc, IEnumerable<Credential> credentials, List<string> all)
    {
        var today = DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);
        var held = new HashSet<string>();
        var verified = new HashSet<string>();
        var bodies = new HashSet<string>();
        var verifiedBodies = new HashSet<string>();
        foreach (var credential in credentials)
        {
            var program = taxonomy.ProgramById(credential.ProgramId);
            if (program is null) continue;
            var status = credential.EffectiveStatus(today);
            if (status is not (VerificationStatus.SelfReported or VerificationStatus.Verified)) continue;
            held.Add(program.Id);
            held.Add(program.BodyId);
            bodies.Add(program.BodyId);
            if (status == VerificationStatus.Verified)
            {
                verified.Add(program.Id);
                verified.Add(program.BodyId);
                verifiedBodies.Add(program.BodyId);
            }
            AddText(doc, Fields.CertificationsText, $"{program.Body} {program.Name}", all);
        }
        foreach (var v in held) doc.Add(new StringField(Fields.Certification, v, Field.Store.NO));
        foreach (var v in verified) doc.Add(new StringField(Fields.CertificationVerified, v, Field.Store.NO));
        foreach (var v in bodies) doc.Add(new SortedSetDocValuesField(Fields.FacetCertification, new BytesRef(v)));
        foreach (var v in verifiedBodies) doc.Add(new SortedSetDocValuesField(Fields.FacetCertificationVerified, new BytesRef(v)));
    }
}
