using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result of a clinic mutation.</summary>
public sealed class ClinicPayloadType : ObjectGraphType<ClinicPayload>
{
    public ClinicPayloadType()
    {
        Name = "ClinicPayload";
        Field<ClinicType>("clinic").Description("The clinic as stored, when the change was accepted.").ResolveFromSource(s => s.Clinic);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the change was refused; empty when accepted.").ResolveFromSource(s => s.UserErrors);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notices").Description("What the directory did on its own, e.g. placing the clinic by its postal code.").ResolveFromSource(s => s.Notices);
    }
}
