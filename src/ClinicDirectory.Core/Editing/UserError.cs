namespace ClinicDirectory.Core.Editing;

/// <summary>A refused part of a change, with the path of the input field at fault.</summary>
public sealed record UserError(IReadOnlyList<string> Field, string Message, UserErrorCode Code);
