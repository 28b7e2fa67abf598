namespace ClinicDirectory.Core.Search;

/// <summary>One result with its place in the order and why it matched.</summary>
public sealed record SearchHit<T>(T Item, SearchCursor Position, double? DistanceKm, double? Score, IReadOnlyList<string> Highlights)
{
    /// <summary>The position as the opaque cursor clients send back; encoded only when asked for.</summary>
    public string Cursor => Position.Encode();
}
