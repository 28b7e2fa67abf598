using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Standing of a licence with the regulator.</summary>
public sealed class RegistrationStatusEnum : EnumerationGraphType<ClinicDirectory.Core.Domain.RegistrationStatus>
{
    public RegistrationStatusEnum()
    {
        Name = "RegistrationStatus";
        Description = "Standing of a licence with the regulator.";
    }
}
