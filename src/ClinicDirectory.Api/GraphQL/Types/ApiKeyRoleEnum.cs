using ClinicDirectory.Core.Access;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>What a key may do.</summary>
public sealed class ApiKeyRoleEnum : EnumerationGraphType<ApiKeyRole>
{
    public ApiKeyRoleEnum()
    {
        Name = "ApiKeyRole";
        Description = "What a key may do.";
        Values["CLINIC"]!.Description = "May change one clinic's listing and its practitioners.";
        Values["PARTNER"]!.Description = "Read access with the partner's own rate limit and allowed web origins.";
    }
}
