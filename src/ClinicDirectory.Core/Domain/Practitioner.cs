namespace ClinicDirectory.Core.Domain;

/// <summary>A practitioner, listed at one or more clinics.</summary>
public sealed class Practitioner
{
    public string Id { get; set; } = "";
    public string Name { get; set; } = "";
    public Profession Profession { get; set; }
    public string? Bio { get; set; }
    public Registration? Registration { get; set; }
    public List<Credential> Credentials { get; set; } = [];
    public List<Technique> Techniques { get; set; } = [];
    public List<string> Conditions { get; set; } = [];
    public List<string> Languages { get; set; } = [];
    public bool AcceptingNewPatients { get; set; }
    public List<string> ClinicIds { get; set; } = [];
    public DateTimeOffset UpdatedAt { get; set; }
    public int Version { get; set; } = 1;
    public bool IsSample { get; set; }
}
