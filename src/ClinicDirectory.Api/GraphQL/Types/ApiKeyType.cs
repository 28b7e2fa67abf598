using ClinicDirectory.Core.Access;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>An API key, without its secret.</summary>
public sealed class ApiKeyType : ObjectGraphType<ApiKey>
{
    public ApiKeyType()
    {
        Name = "ApiKey";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Key id (not the secret).").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<ApiKeyRoleEnum>>("role").Description("What the key may do.").Resolve(c => c.Source.Role);
        Field<IdGraphType>("clinicId").Description("The clinic a CLINIC key may change.").Resolve(c => c.Source.ClinicId);
        Field<StringGraphType>("label").Description("Who or what the key is for.").Resolve(c => c.Source.Label);
        Field<NonNullGraphType<DateTimeScalar>>("createdAt").Description("When it was created.").Resolve(c => c.Source.CreatedAt);
        Field<DateTimeScalar>("revokedAt").Description("When it was revoked.").Resolve(c => c.Source.RevokedAt);
        Field<IntGraphType>("requestsPerMinute").Description("A partner's own rate limit.").Resolve(c => c.Source.RequestsPerMinute);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("allowedOrigins").Description("Web origins a partner key may be used from; empty allows any.").Resolve(c => c.Source.AllowedOrigins);
    }
}
