namespace ClinicDirectory.Core.Taxonomy;

/// <summary>
/// The display names of the languages listings are spoken in (ISO 639-1 codes). The one list of them: facet
/// labels and the patient page's language filter (through the API's <c>languages</c> query) both read it.
/// </summary>
public static class LanguageNames
{
    private static readonly Language[] Known =
    [
        new("en", "English"), new("fr", "French"), new("es", "Spanish"), new("pa", "Punjabi"), new("zh", "Chinese"), new("hi", "Hindi"),
        new("tl", "Tagalog"), new("ar", "Arabic"), new("it", "Italian"), new("pt", "Portuguese"), new("de", "German"), new("ko", "Korean"),
        new("vi", "Vietnamese"), new("fa", "Persian"), new("ur", "Urdu"), new("pl", "Polish"), new("ru", "Russian"), new("uk", "Ukrainian"),
        new("ja", "Japanese"), new("gu", "Gujarati"), new("ta", "Tamil"), new("he", "Hebrew"), new("el", "Greek"), new("nl", "Dutch"),
    ];

    private static readonly Dictionary<string, string> ByCode = Known.ToDictionary(l => l.Code, l => l.Name, StringComparer.Ordinal);

    /// <summary>Every named language, in the order the patient page offers them (the most spoken here first).</summary>
    public static IReadOnlyList<Language> All => Known;

    /// <summary>The language's name, or the code itself for a language without one here.</summary>
    public static string Name(string code) => ByCode.GetValueOrDefault(code, code);
}
