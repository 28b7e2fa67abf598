namespace ClinicDirectory.Core.Editing;

/// <summary>A credential as a clinic states it: which program, and when.</summary>
public sealed record CredentialChange(string ProgramId, DateOnly? EarnedOn, DateOnly? ExpiresOn);
