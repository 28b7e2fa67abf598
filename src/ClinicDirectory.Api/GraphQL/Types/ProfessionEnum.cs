using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>The regulated profession a practitioner is registered in.</summary>
public sealed class ProfessionEnum : EnumerationGraphType<ClinicDirectory.Core.Domain.Profession>
{
    public ProfessionEnum()
    {
        Name = "Profession";
        Description = "The regulated profession a practitioner is registered in.";
    }
}
