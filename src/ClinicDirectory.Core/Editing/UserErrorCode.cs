namespace ClinicDirectory.Core.Editing;

/// <summary>Why a change was refused.</summary>
public enum UserErrorCode
{
    Invalid,
    NotFound,
    Forbidden,
    VersionConflict,
}
