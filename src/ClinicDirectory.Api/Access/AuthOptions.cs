namespace ClinicDirectory.Api.Access;

/// <summary>Configuration section "Auth".</summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>Bootstrap secret with the ADMIN role; without it no request is ADMIN until an admin key exists.</summary>
    public string? AdminKey { get; set; }
}
