namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Field names of the index. Clinics and practitioners share one index (so one commit covers a change to
/// both), but every searchable field is prefixed with its type ("c." or "p."): a clinic search never walks
/// practitioner postings, and needs no type filter when it has text, a place or a filter to start from.
/// </summary>
internal static class Fields
{
    public const string Type = "type";
    public const string ClinicType = "clinic";
    public const string PractitionerType = "practitioner";

    /// <summary>Type and id ("clinic:abc"): the unique key documents are replaced by.</summary>
    public const string Uid = "uid";
    /// <summary>The whole listing as JSON, a stored field.</summary>
    public const string Json = "json";
    /// <summary>The listing's summary fields as JSON (<see cref="Core.Search.ListingSummary"/>).</summary>
    public const string SummaryJson = "summary_json";
    public const string NameSort = "name_dv";
    public const string Geo = "geo_dv";

    // Text, analyzed with the English analyzer.
    public const string Name = "name";
    /// <summary>
    /// The words of the document's conditions (names and synonyms): not indexed, a search reads a word's
    /// documents here from the condition ids (<see cref="TermBitsCache"/>, <see cref="TaxonomyWords"/>).
    /// </summary>
    public const string ConditionsText = "cond";
    /// <summary>
    /// All text of the document in one field: every word must occur here, and typos are matched here. Its
    /// words from the taxonomy (its conditions, techniques, certifications and profession) are not indexed with it but
    /// joined to it when a search reads a word (as for <see cref="ConditionsText"/>).
    /// </summary>
    public const string All = "all";

    // Exact filters (indexed, not stored).
    public const string Condition = "condition";
    public const string Certification = "cert";
    public const string CertificationVerified = "cert_v";
    /// <summary>Certifications of practitioners whose registration holds and who may needle where they practise (qualifiedOnly).</summary>
    public const string CertificationQualified = "cert_q";
    public const string CertificationQualifiedVerified = "cert_qv";
    public const string Technique = "technique";
    public const string Profession = "profession";
    public const string Language = "lang";
    public const string City = "city";
    public const string DirectBilling = "direct_billing";
    public const string Accepting = "accepting";
    public const string ClinicId = "clinic_id";
    /// <summary>Grid cells of the document's points, one field per cell size (see <see cref="GeoCells"/>).</summary>
    public const string GeoCell = "geo";

    // Facets: their names (shared by both types). Their values are the filter fields' terms (<see cref="SegmentArrays"/>).
    public const string FacetCondition = "f_condition";
    public const string FacetCertification = "f_cert";
    public const string FacetCertificationVerified = "f_cert_v";
    public const string FacetCertificationQualified = "f_cert_q";
    public const string FacetCertificationQualifiedVerified = "f_cert_qv";
    public const string FacetTechnique = "f_technique";
    public const string FacetCity = "f_city";
    public const string FacetLanguage = "f_lang";

    /// <summary>Every facet field, in the order a segment's packed facet values keep them (<see cref="SegmentFacets"/>).</summary>
    public static readonly string[] FacetFields =
        [FacetCondition, FacetCertification, FacetCertificationVerified, FacetCertificationQualified, FacetCertificationQualifiedVerified, FacetTechnique, FacetCity, FacetLanguage];

    /// <summary>The field of this document type, e.g. "c.name" (the names are built once, not per document).</summary>
    public static string Of(string type, string field) =>
        (type == ClinicType ? ClinicNames : PractitionerNames).TryGetValue(field, out var name) ? name : Prefix(type) + field;

    private static string Prefix(string type) => type == ClinicType ? "c." : "p.";

    private static readonly string[] TypedFields =
        [Name, ConditionsText, All, Condition, Certification, CertificationVerified, CertificationQualified, CertificationQualifiedVerified, Technique, Profession, Language, City, DirectBilling, Accepting, ClinicId];

    private static readonly System.Collections.Frozen.FrozenDictionary<string, string> ClinicNames =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(TypedFields, f => f, f => Prefix(ClinicType) + f, StringComparer.Ordinal);

    private static readonly System.Collections.Frozen.FrozenDictionary<string, string> PractitionerNames =
        System.Collections.Frozen.FrozenDictionary.ToFrozenDictionary(TypedFields, f => f, f => Prefix(PractitionerType) + f, StringComparer.Ordinal);
}
