namespace ClinicDirectory.Search.Lucene;

/// <summary>Field names of the index. Clinics and practitioners share one index, told apart by Type.</summary>
internal static class Fields
{
    public const string Type = "type";
    public const string Id = "id";
    /// <summary>Type and id ("clinic:abc"): the unique key documents are replaced by.</summary>
    public const string Uid = "uid";
    public const string IdSort = "id_dv";
    public const string Json = "json";
    public const string NameSort = "name_dv";
    public const string Geo = "geo_dv";
    public const string Lat = "lat";
    public const string Lon = "lon";

    // Text, analyzed with the English analyzer.
    public const string Name = "name";
    public const string ConditionsText = "conditions_text";
    public const string TechniquesText = "techniques_text";
    public const string CertificationsText = "certs_text";
    public const string People = "people";
    public const string Body = "body";
    public const string Places = "places_text";
    /// <summary>All text of the document in one field, for typo-tolerant matching.</summary>
    public const string All = "all";

    // Exact filters (indexed, not stored) and their facet DocValues.
    public const string Condition = "condition";
    public const string Certification = "cert";
    public const string CertificationVerified = "cert_v";
    public const string Technique = "technique";
    public const string Profession = "profession";
    public const string Language = "lang";
    public const string City = "city";
    public const string DirectBilling = "direct_billing";
    public const string Accepting = "accepting";
    public const string ClinicId = "clinic_id";

    public const string FacetCondition = "f_condition";
    public const string FacetCertification = "f_cert";
    public const string FacetCertificationVerified = "f_cert_v";
    public const string FacetTechnique = "f_technique";
    public const string FacetCity = "f_city";
    public const string FacetLanguage = "f_lang";

    public const string ClinicType = "clinic";
    public const string PractitionerType = "practitioner";
}
