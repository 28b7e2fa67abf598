namespace ClinicDirectory.Core.Taxonomy;

/// <summary>A language listings are spoken in: its ISO 639-1 code and its display name.</summary>
public sealed record Language(string Code, string Name);
