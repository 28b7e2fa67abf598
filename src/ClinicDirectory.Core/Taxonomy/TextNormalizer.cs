using System.Globalization;
using System.Text;

namespace ClinicDirectory.Core.Taxonomy;

/// <summary>Folds user-typed names to a comparable key: lower case, no accents, punctuation as spaces.</summary>
public static class TextNormalizer
{
    public static string Key(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return "";
        var decomposed = text.Normalize(NormalizationForm.FormD);
        var sb = new StringBuilder(decomposed.Length);
        var lastSpace = true;
        foreach (var ch in decomposed)
        {
            if (CharUnicodeInfo.GetUnicodeCategory(ch) == UnicodeCategory.NonSpacingMark) continue;
            if (char.IsLetterOrDigit(ch))
            {
                sb.Append(char.ToLowerInvariant(ch));
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

    /// <summary>A key with no spaces or punctuation at all: "Gunn IMS" and "GunnIMS" both give "gunnims".</summary>
    public static string CompactKey(string? text) => Key(text).Replace(" ", "", StringComparison.Ordinal);
}
