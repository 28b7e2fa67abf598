namespace ClinicDirectory.Core.Search;

/// <summary>One result with its place in the order and why it matched.</summary>
public sealed record SearchHit<T>(T Item, string Cursor, double? DistanceKm, double? Score, IReadOnlyList<string> Highlights);
