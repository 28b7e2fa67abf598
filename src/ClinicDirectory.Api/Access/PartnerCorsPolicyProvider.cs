using ClinicDirectory.Core.Access;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// The GraphQL endpoint's CORS policy for ASP.NET Core's CORS middleware: browser calls from the origins that
/// active PARTNER keys list (<c>allowedOrigins</c>) and from <c>Cors:PageOrigins</c> (where the patient page is
/// served from another origin than the API). A preflight carries no key, so it is answered for any of those
/// origins; the request itself is then held to its own key's origins by the GraphQL endpoint.
/// </summary>
public sealed class PartnerCorsPolicyProvider(ApiKeyStore keys, IConfiguration configuration) : ICorsPolicyProvider
{
    public const string PolicyName = "partners";

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName)
    {
        var origins = PageOrigins(configuration)
            .Concat(keys.All().Where(k => k.RevokedAt is null && k.Role == ApiKeyRole.Partner).SelectMany(k => k.AllowedOrigins))
            .ToHashSet(StringComparer.OrdinalIgnoreCase);
        var policy = new CorsPolicyBuilder()
            .SetIsOriginAllowed(origins.Contains)
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Accept")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build();
        return Task.FromResult<CorsPolicy?>(policy);
    }

    /// <summary>Origins the patient page is served from besides the API's own (<c>Cors:PageOrigins</c>).</summary>
    public static IEnumerable<string> PageOrigins(IConfiguration configuration) =>
        configuration.GetSection("Cors:PageOrigins").Get<string[]>() ?? [];
}
