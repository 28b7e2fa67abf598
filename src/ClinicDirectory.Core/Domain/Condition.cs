namespace ClinicDirectory.Core.Domain;

/// <summary>A condition patients search for, with the names patients and clinicians use for it.</summary>
public sealed class Condition
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public string BodyRegion { get; set; } = "";
    public List<string> Synonyms { get; set; } = [];
}
