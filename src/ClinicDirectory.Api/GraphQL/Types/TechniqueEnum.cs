using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Needling and related techniques.</summary>
public sealed class TechniqueEnum : EnumerationGraphType<ClinicDirectory.Core.Domain.Technique>
{
    public TechniqueEnum()
    {
        Name = "Technique";
        Description = "Needling and related techniques.";
    }
}
