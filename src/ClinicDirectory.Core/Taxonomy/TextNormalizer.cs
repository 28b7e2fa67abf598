using System.Text;

namespace ClinicDirectory.Core.Taxonomy;

/// <summary>Folds user-typed names to a comparable key: lower case, no accents, punctuation as spaces.</summary>
public static class TextNormalizer
{
    public static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var sb = new StringBuilder(text.Length);
        var lastSpace = true;
        foreach (var ch in text)
        {
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(Fold(char.ToLowerInvariant(ch)));
                lastSpace = false;
            }
            else if (ch == '\'' || ch == '\u2019')
            {
                // "golfer's elbow" and "golfers elbow" are the same name.
            }
            else if (!lastSpace)
            {
                sb.Append(' ');
                lastSpace = true;
            }
        }
        return sb.ToString().TrimEnd();
    }

    private const string Accented = "àáâãäåāăąçćĉċčďđèéêëēĕėęěĝğġģĥìíîïĩīĭįıĵķĺļľŀłñńņňòóôõöøōŏőŕŗřśŝşšţťŧùúûüũūŭůűųŵýÿŷźżž";
    private const string Plain = "aaaaaaaaacccccddeeeeeeeeegggghiiiiiiiiijklllllnnnnooooooooorrrsssstttuuuuuuuuuuwyyyzzz";

    /// <summary>
    /// Folds an accented Latin letter to its plain letter ("é" to "e"): the process runs with invariant
    /// globalization, where Unicode decomposition is not available.
    /// </summary>
    private static string Fold(char ch)
    {
        if (ch < 0x80) return ch.ToString();
        var i = Accented.IndexOf(ch, StringComparison.Ordinal);
        if (i >= 0) return Plain[i].ToString();
        return ch switch { 'ß' => "ss", 'æ' => "ae", 'œ' => "oe", 'þ' => "th", _ => ch.ToString() };
    }

    /// <summary>A key with no spaces or punctuation at all: "Gunn IMS" and "GunnIMS" both give "gunnims".</summary>
    public static string CompactKey(string? text) => Key(text).Replace(" ", "", StringComparison.Ordinal);
}
