namespace ClinicDirectory.Core.Editing;

/// <summary>A regulator registration as a clinic states it.</summary>
public sealed record RegistrationChange(string Regulator, string Number, bool? DryNeedlingAuthorized);
