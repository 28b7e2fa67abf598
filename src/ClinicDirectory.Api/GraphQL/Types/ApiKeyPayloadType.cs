using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Result of createApiKey.</summary>
public sealed class ApiKeyPayloadType : ObjectGraphType<ApiKeyPayload>
{
    public ApiKeyPayloadType()
    {
        Name = "ApiKeyPayload";
        Field<ApiKeyType>("apiKey").Description("The key, when created.").ResolveFromSource(s => s.ApiKey);
        Field<StringGraphType>("secret").Description("The secret to send as 'Authorization: Bearer <secret>'. Shown only here.").ResolveFromSource(s => s.Secret);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the key was not created.").ResolveFromSource(s => s.UserErrors);
    }
}
