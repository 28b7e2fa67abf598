using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>How far a credential has been checked with its certifying body.</summary>
public sealed class VerificationStatusEnum : EnumerationGraphType<ClinicDirectory.Core.Domain.VerificationStatus>
{
    public VerificationStatusEnum()
    {
        Name = "VerificationStatus";
        Description = "How far a credential has been checked with its certifying body.";
    }
}
