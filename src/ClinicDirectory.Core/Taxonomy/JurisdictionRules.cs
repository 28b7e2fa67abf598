using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Taxonomy;

/// <summary>
/// Whether a practitioner may perform dry needling where they practise, and if not, why; and what of theirs the search
/// indexes therefore count (the same on every engine).
/// </summary>
public sealed record NeedlingAssessment(bool MayNeedle, bool RegistrationHolds, IReadOnlyList<string> Notices)
{
    /// <summary>The practitioner's techniques a search counts: none that puts needles through the skin when they may not needle.</summary>
    public IReadOnlyList<Technique> Techniques(Practitioner practitioner) =>
        MayNeedle ? practitioner.Techniques : [.. practitioner.Techniques.Where(t => !TechniqueVocabulary.IsNeedling(t))];

    /// <summary>The credentials certification filters, verifiedOnly and facets count: none when they may not needle.</summary>
    public IReadOnlyList<Credential> Credentials(Practitioner practitioner) => MayNeedle ? practitioner.Credentials : [];

    /// <summary>The credentials qualifiedOnly counts: those of a practitioner whose registration and authorization hold.</summary>
    public IReadOnlyList<Credential> QualifiedCredentials(Practitioner practitioner) => RegistrationHolds ? practitioner.Credentials : [];
}

/// <summary>
/// The jurisdiction rules of the seed (<c>jurisdiction-rules.json</c>): where a profession may not dry-needle and where
/// the regulator's authorization or roster is required. A practitioner may needle when, at every clinic they practise
/// at, no rule forbids it to their profession and every required authorization is recorded on an active
/// registration.
/// </summary>
public sealed class JurisdictionRules(IEnumerable<JurisdictionRule> rules)
{
    private readonly IReadOnlyList<JurisdictionRule> _rules = [.. rules];

    public static JurisdictionRules None { get; } = new([]);

    public IReadOnlyList<JurisdictionRule> Rules => _rules;

    public NeedlingAssessment Assess(Practitioner practitioner, IEnumerable<Clinic> clinics)
    {
        var notices = new List<string>();
        var registration = practitioner.Registration;
        var active = registration is { Status: RegistrationStatus.Active };
        var places = clinics.Select(c => (Country: c.Address.Country.ToUpperInvariant(), Region: c.Address.Region.ToUpperInvariant())).Distinct();
        foreach (var (country, region) in places)
        {
            foreach (var rule in _rules.Where(r => r.Country == country && r.Region == region && r.Professions.Contains(practitioner.Profession)))
            {
                if (rule.Kind == JurisdictionRuleKind.NotPermitted)
                    notices.Add($"In {rule.RegionName}, {Plural(practitioner.Profession)} may not perform dry needling ({Cited(rule)}).");
                else if (!(active && registration!.DryNeedlingAuthorized))
                    notices.Add($"In {rule.RegionName}, dry needling needs {rule.Requirement} from {rule.Authority}; none is recorded on an active registration for this practitioner ({Cited(rule)}).");
            }
        }
        return new NeedlingAssessment(notices.Count == 0, notices.Count == 0 && active, notices);
    }

    private static string Cited(JurisdictionRule rule) => $"{rule.Source.Publisher}, \"{rule.Source.Title}\", read {rule.CheckedOn:yyyy-MM-dd}";

    private static string Plural(Profession profession) => profession switch
    {
        Profession.Physiotherapist => "physical therapists",
        Profession.Chiropractor => "chiropractors",
        Profession.Physician => "physicians",
        Profession.AthleticTherapist => "athletic therapists",
        _ => "practitioners of this profession",
    };
}
