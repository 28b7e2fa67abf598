using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result of a practitioner mutation.</summary>
public sealed class PractitionerPayloadType : ObjectGraphType<PractitionerPayload>
{
    public PractitionerPayloadType()
    {
        Name = "PractitionerPayload";
        Field<PractitionerType>("practitioner").Description("The practitioner as stored, when accepted.").ResolveFromSource(s => s.Practitioner);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the change was refused; empty when accepted.").ResolveFromSource(s => s.UserErrors);
    }
}
