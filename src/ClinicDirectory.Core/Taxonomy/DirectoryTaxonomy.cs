using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Taxonomy;

/// <summary>
/// The condition taxonomy and certification programs, with the lookups that turn what a patient or
/// clinic typed ("jaw pain", "Gunn IMS") into the ids the index stores.
/// </summary>
public sealed class DirectoryTaxonomy
{
    private readonly Dictionary<string, Condition> _conditionsByKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Condition> _conditionsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, CertificationProgram> _programsById = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _certificationKeys = new(StringComparer.Ordinal);
    private readonly HashSet<string> _bodyIds = new(StringComparer.Ordinal);

    public DirectoryTaxonomy(IEnumerable<Condition> conditions, IEnumerable<CertificationProgram> programs)
    {
        Conditions = [.. conditions];
        Programs = [.. programs];
        foreach (var c in Conditions)
        {
            _conditionsById.Add(c.Id, c);
            foreach (var name in c.Synonyms.Prepend(c.Name).Prepend(c.Id))
                _conditionsByKey.TryAdd(TextNormalizer.Key(name), c);
        }
        foreach (var p in Programs)
        {
            _programsById.Add(p.Id, p);
            _bodyIds.Add(p.BodyId);
            _certificationKeys.TryAdd(TextNormalizer.CompactKey(p.Id), p.Id);
            _certificationKeys.TryAdd(TextNormalizer.CompactKey(p.BodyId), p.BodyId);
            _certificationKeys.TryAdd(TextNormalizer.CompactKey(p.Body), p.BodyId);
        }
    }

    public IReadOnlyList<Condition> Conditions { get; }
    public IReadOnlyList<CertificationProgram> Programs { get; }

    /// <summary>The certifying bodies' ids ("kinetacore"), which listings hold beside their programs' ids.</summary>
    public IReadOnlySet<string> BodyIds => _bodyIds;

    public Condition? FindCondition(string idOrName) =>
        _conditionsById.TryGetValue(idOrName, out var byId) ? byId
        : _conditionsByKey.GetValueOrDefault(TextNormalizer.Key(idOrName));

    public Condition? ConditionById(string id) => _conditionsById.GetValueOrDefault(id);

    public CertificationProgram? ProgramById(string id) => _programsById.GetValueOrDefault(id);

    /// <summary>A body id ("kinetacore") or program id ("kinetacore-fdn-2") for what was typed, or null.</summary>
    public string? ResolveCertification(string bodyOrProgram) =>
        _certificationKeys.GetValueOrDefault(TextNormalizer.CompactKey(bodyOrProgram));

    /// <summary>Display name of a certifying body by its id.</summary>
    public string BodyName(string bodyId) =>
        Programs.FirstOrDefault(p => p.BodyId == bodyId)?.Body ?? bodyId;
}
