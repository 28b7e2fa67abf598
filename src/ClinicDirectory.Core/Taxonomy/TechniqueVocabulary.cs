using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Taxonomy;

/// <summary>What patients call each technique: free text finds a listing with the technique by any of them.</summary>
public static class TechniqueVocabulary
{
    private static readonly Dictionary<Technique, string[]> Terms = new()
    {
        [Technique.DryNeedling] = ["Dry needling", "trigger point dry needling", "TDN", "myofascial trigger point", "needling"],
        [Technique.IntramuscularStimulation] = ["Intramuscular stimulation", "IMS", "Gunn IMS", "GunnIMS", "dry needling", "needling"],
        [Technique.FunctionalDryNeedling] = ["Functional dry needling", "FDN", "Kinetacore", "dry needling", "needling"],
        [Technique.Acupuncture] = ["Acupuncture", "needles"],
        [Technique.ManualTherapy] = ["Manual therapy", "joint mobilization", "soft tissue mobilization", "massage"],
        [Technique.ExerciseTherapy] = ["Exercise therapy", "therapeutic exercise", "rehabilitation", "stretching"],
    };

    /// <summary>Whether the technique puts needles through the skin (what jurisdiction rules govern).</summary>
    public static bool IsNeedling(Technique technique) =>
        technique is Technique.DryNeedling or Technique.IntramuscularStimulation or Technique.FunctionalDryNeedling or Technique.Acupuncture;

    /// <summary>The display label, e.g. "Intramuscular stimulation".</summary>
    public static string Label(Technique technique) => Terms[technique][0];

    /// <summary>The label followed by every other name the technique goes by.</summary>
    public static IReadOnlyList<string> Names(Technique technique) => Terms[technique];

    private static readonly Dictionary<string, Technique> ByConstantName =
        Enum.GetValues<Technique>().ToDictionary(ConstantName, StringComparer.Ordinal);

    /// <summary>The technique of a contract name, e.g. INTRAMUSCULAR_STIMULATION, or null.</summary>
    public static Technique? FromConstantName(string name) => ByConstantName.TryGetValue(name, out var t) ? t : null;

    /// <summary>The contract name, e.g. INTRAMUSCULAR_STIMULATION.</summary>
    public static string ConstantName(Technique technique) => technique switch
    {
        Technique.DryNeedling => "DRY_NEEDLING",
        Technique.IntramuscularStimulation => "INTRAMUSCULAR_STIMULATION",
        Technique.FunctionalDryNeedling => "FUNCTIONAL_DRY_NEEDLING",
        Technique.Acupuncture => "ACUPUNCTURE",
        Technique.ManualTherapy => "MANUAL_THERAPY",
        Technique.ExerciseTherapy => "EXERCISE_THERAPY",
        _ => throw new ArgumentOutOfRangeException(nameof(technique)),
    };
}
