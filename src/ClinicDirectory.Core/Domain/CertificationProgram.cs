namespace ClinicDirectory.Core.Domain;

/// <summary>A dry needling certification program, e.g. Kinetacore Functional Dry Needling Level 1.</summary>
public sealed class CertificationProgram
{
    public string Id { get; set; } = "";
    /// <summary>Display name of the certifying body, e.g. "Kinetacore".</summary>
    public string Body { get; set; } = "";
    /// <summary>Lower-case id of the certifying body, e.g. "kinetacore", accepted by the certifications filter.</summary>
    public string BodyId { get; set; } = "";
    public string Name { get; set; } = "";
    public int? Level { get; set; }
    public Technique Technique { get; set; }
    public string? Website { get; set; }
}
