using System.Buffers.Text;
using System.Globalization;
using System.Text;

namespace ClinicDirectory.Core.Search;

/// <summary>
/// Position after the last hit of a page, as its sort key and id: keyset paging returns each hit
/// once even when listings change between pages. An engine may add a snapshot of its own (Elasticsearch: a point in
/// time) so that later pages read the same view of the index. Opaque to clients (base64url).
/// </summary>
public sealed record SearchCursor(SearchSort Sort, double Primary, string? Secondary, string Id, string? Snapshot = null)
{
    private const string Prefix = "c1";

    public string Encode()
    {
        var raw = string.Join('\u001f', Prefix, ((int)Sort).ToString(CultureInfo.InvariantCulture),
            Primary.ToString("R", CultureInfo.InvariantCulture), Secondary ?? "", Id);
        if (Snapshot is not null) raw += '\u001f' + Snapshot;
        return Base64Url.EncodeToString(Encoding.UTF8.GetBytes(raw));
    }

    /// <summary>Null when the text is not a cursor this service issued.</summary>
    public static SearchCursor? TryDecode(string text)
    {
        try
        {
            if (text.Length > 4096) return null;
            var parts = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(text)).Split('\u001f');
            if (parts.Length is not (5 or 6) || parts[0] != Prefix) return null;
            if (!int.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var sort) || !Enum.IsDefined((SearchSort)sort)) return null;
            if (!double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var primary) || double.IsNaN(primary)) return null;
            if (parts[4].Length == 0) return null;
            if (parts.Length == 6 && parts[5].Length == 0) return null;
            return new SearchCursor((SearchSort)sort, primary, parts[3].Length == 0 ? null : parts[3], parts[4], parts.Length == 6 ? parts[5] : null);
        }
        catch (FormatException)
        {
            return null;
        }
    }
}
