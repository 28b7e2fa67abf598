using ClinicDirectory.Core.Access;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>An API key, without its secret.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Key id (not the secret).").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<ApiKeyRoleEnum>>("role").Description("What the key may do.").ResolveFromSource(s => s.Role);
        Field<IdGraphType>("clinicId").Description("The clinic a CLINIC key may change.").ResolveFromSource(s => s.ClinicId);
        Field<StringGraphType>("label").Description("Who or what the key is for.").ResolveFromSource(s => s.Label);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When it was created.").ResolveFromSource(s => s.CreatedAt);
        Field<DateTimeScalar>("revokedAt").Description("When it was revoked.").ResolveFromSource(s => s.RevokedAt);
        Field<IntGraphType>("requestsPerMinute").Description("A partner's own rate limit.").ResolveFromSource(s => s.RequestsPerMinute);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("allowedOrigins").Description("Web origins a partner key may be used from; empty allows any.").ResolveFromSource(s => s.AllowedOrigins);
        Field<NonNullGraphType<BooleanGraphType>>("persistedDocumentsOnly").Description("The key runs only registered documents.").ResolveFromSource(s => s.PersistedDocumentsOnly);
    }
}
