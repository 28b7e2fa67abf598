using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Who stands behind a credential's or a registration's status.</summary>
public sealed class ProvenanceSourceEnum : EnumerationGraphType<ClinicDirectory.Core.Domain.ProvenanceSource>
{
    public ProvenanceSourceEnum()
    {
        Name = "ProvenanceSource";
        Description = "Who stands behind a credential's or a registration's status: the clinic that claimed it, the certifying body's or the regulator's roster, or a directory admin who checked it.";
    }
}
