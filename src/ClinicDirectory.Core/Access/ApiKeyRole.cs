namespace ClinicDirectory.Core.Access;

/// <summary>What a key may do.</summary>
public enum ApiKeyRole
{
    /// <summary>Everything, including keys and credential verification.</summary>
    Admin,
    /// <summary>May change one clinic's listing and its practitioners.</summary>
    Clinic,
    /// <summary>Read access with the partner's own rate limit and allowed web origins.</summary>
    Partner,
}
