namespace ClinicDirectory.Core.Access;

/// <summary>Who is making a request: the key's id and role, and for a clinic key, its clinic.</summary>
public sealed record Caller(string KeyId, ApiKeyRole Role, string? ClinicId, string? Label = null)
{
    public bool IsAdmin => Role == ApiKeyRole.Admin;

    /// <summary>Admins may change any clinic; a clinic key only its own.</summary>
    public bool MayEdit(string clinicId) => IsAdmin || Role == ApiKeyRole.Clinic && ClinicId == clinicId;
}
