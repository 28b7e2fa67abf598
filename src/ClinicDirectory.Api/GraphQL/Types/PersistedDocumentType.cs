using ClinicDirectory.Core.Access;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A registered document, run by its id.</summary>
public sealed class PersistedDocumentType : ObjectGraphType<PersistedDocument>
{
    public PersistedDocumentType()
    {
        Name = "PersistedDocument";
        Field<NonNullGraphType<IdGraphType>>("id").Description("The document id to send as documentId: sha256:<hex SHA-256 of the text>.").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("query").Description("The document's text.").ResolveFromSource(s => s.Query);
        Field<StringGraphType>("name").Description("What the document is for.").ResolveFromSource(s => s.Name);
        Field<NonNullGraphType<DateTimeScalar>>("registeredAt").Description("When it was registered.").ResolveFromSource(s => s.RegisteredAt);
        Field<NonNullGraphType<IdGraphType>>("registeredBy").Description("The key that registered it.").ResolveFromSource(s => s.RegisteredBy);
    }
}

/// <summary>Result of registerPersistedDocument.</summary>
public sealed class PersistedDocumentPayloadType : ObjectGraphType<PersistedDocumentPayload>
{
    public PersistedDocumentPayloadType()
    {
        Name = "PersistedDocumentPayload";
        Field<PersistedDocumentType>("document").Description("The registered document (also when it was registered before).").ResolveFromSource(s => s.Document);
        Field<NonNullGraphType<BooleanGraphType>>("created").Description("False when the same text was registered before.").ResolveFromSource(s => s.Created);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the document was not registered.").ResolveFromSource(s => s.UserErrors);
    }
}
