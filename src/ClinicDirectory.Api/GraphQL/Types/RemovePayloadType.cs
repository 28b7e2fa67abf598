using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result of a removal.</summary>
public sealed class RemovePayloadType : ObjectGraphType<RemovePayload>
{
    public RemovePayloadType()
    {
        Name = "RemovePayload";
        Field<IdGraphType>("removedId").Description("What was removed, when accepted.").ResolveFromSource(s => s.RemovedId);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the removal was refused; empty when accepted.").ResolveFromSource(s => s.UserErrors);
    }
}
