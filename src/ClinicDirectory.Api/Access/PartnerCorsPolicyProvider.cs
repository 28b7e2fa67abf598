using ClinicDirectory.Core.Access;
using Microsoft.AspNetCore.Cors.Infrastructure;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// The GraphQL endpoint's CORS policy for ASP.NET Core's CORS middleware: browser calls from the origins that
/// active PARTNER keys list (<c>allowedOrigins</c>) and from <c>Cors:PageOrigins</c> (where the patient page is
/// served from another origin than the API). A preflight carries no key, so it is answered for any of those
/// origins; the request itself is then held to its own key's origins by the GraphQL endpoint. The policy is built
/// once; keys created or revoked later count at once, since each origin is looked up in the key store.
/// </summary>
public sealed class PartnerCorsPolicyProvider : ICorsPolicyProvider
{
    public const string PolicyName = "partners";

    private readonly HashSet<string> _pageOrigins;
    private readonly Task<CorsPolicy?> _policy;

    public PartnerCorsPolicyProvider(ApiKeyStore keys, IConfiguration configuration)
    {
        _pageOrigins = new HashSet<string>(configuration.GetSection("Cors:PageOrigins").Get<string[]>() ?? [], StringComparer.OrdinalIgnoreCase);
        _policy = Task.FromResult<CorsPolicy?>(new CorsPolicyBuilder()
            .SetIsOriginAllowed(origin => _pageOrigins.Contains(origin) || keys.AnyPartnerAllows(origin))
            .WithMethods("GET", "POST")
            .WithHeaders("Authorization", "Content-Type", "Accept")
            .WithExposedHeaders("Retry-After")
            .SetPreflightMaxAge(TimeSpan.FromMinutes(10))
            .Build());
    }

    public Task<CorsPolicy?> GetPolicyAsync(HttpContext context, string? policyName) => _policy;

    /// <summary>Whether the patient page is served from this origin besides the API's own (<c>Cors:PageOrigins</c>).</summary>
    public bool IsPageOrigin(string origin) => _pageOrigins.Contains(origin);
}
