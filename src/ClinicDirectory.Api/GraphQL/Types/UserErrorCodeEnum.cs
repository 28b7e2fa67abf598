using ClinicDirectory.Core.Editing;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Why a change was refused.</summary>
public sealed class UserErrorCodeEnum : EnumerationGraphType<UserErrorCode>
{
    public UserErrorCodeEnum()
    {
        Name = "UserErrorCode";
        Description = "Why a change was refused.";
    }
}
