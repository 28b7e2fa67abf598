using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result of createApiKey.</summary>
public sealed class ApiKeyPayloadType : ObjectGraphType<ApiKeyPayload>
{
    public ApiKeyPayloadType()
    {
        Name = "ApiKeyPayload";
        Field<ApiKeyType>("apiKey").Description("The key, when created.").Resolve(c => c.Source.ApiKey);
        Field<StringGraphType>("secret").Description("The secret to send as 'Authorization: Bearer <secret>'. Shown only here.").Resolve(c => c.Source.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the key was not created.").Resolve(c => c.Source.UserErrors);
    }
}
