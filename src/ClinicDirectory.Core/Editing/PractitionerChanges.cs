using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Editing;

/// <summary>
/// A practitioner as a clinic states it. Creating needs name and profession; updating changes only the
/// fields named in <see cref="Present"/>. Credential statuses are never taken from clients.
/// </summary>
public sealed class PractitionerChanges
{
    public HashSet<string> Present { get; } = new(StringComparer.Ordinal);
    public string? Id { get; set; }
    public string? Name { get; set; }
    public Profession? Profession { get; set; }
    public string? Bio { get; set; }
    public RegistrationChange? Registration { get; set; }
    public List<CredentialChange>? Credentials { get; set; }
    public List<Technique>? Techniques { get; set; }
    public List<string>? Conditions { get; set; }
    public List<string>? Languages { get; set; }
    public bool? AcceptingNewPatients { get; set; }
}
