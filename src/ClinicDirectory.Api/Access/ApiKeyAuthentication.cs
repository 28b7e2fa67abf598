using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using ClinicDirectory.Api.GraphQL;
using ClinicDirectory.Core.Access;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Access;

/// <summary>
/// API keys as an ASP.NET Core authentication scheme: <c>Authorization: Bearer &lt;secret&gt;</c> names a stored key or
/// the bootstrap admin (<c>Auth:AdminKey</c>). No header is an anonymous caller; a header naming an unknown or
/// revoked key fails, and the endpoint's policy then answers 401 UNAUTHENTICATED.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder,
    ApiKeyStore keys, IOptions<AuthOptions> auth)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string SchemeName = "ApiKey";

    /// <summary>The policy of the GraphQL endpoint: anonymous callers and valid keys, not a key that failed.</summary>
    public const string DirectoryCallerPolicy = "DirectoryCaller";

    /// <summary>The policy of the admin endpoints.</summary>
    public const string AdminPolicy = "Admin";

    public const string BootstrapAdminId = "bootstrap-admin";

    internal const string KeyIdClaim = "key_id";
    internal const string ClinicIdClaim = "clinic_id";
    internal const string LabelClaim = "key_label";

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        string? authorization = Request.Headers.Authorization;
        if (string.IsNullOrEmpty(authorization)) return Task.FromResult(AuthenticateResult.NoResult());
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return Task.FromResult(AuthenticateResult.Fail("not a bearer key"));
        var secret = authorization["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 512) return Task.FromResult(AuthenticateResult.Fail("no key"));

        var admin = auth.Value.AdminKey;
        if (!string.IsNullOrEmpty(admin) &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(admin))))
            return Task.FromResult(Success(new Caller(BootstrapAdminId, ApiKeyRole.Admin, null, "bootstrap admin")));

        var key = keys.FindActive(secret);
        return Task.FromResult(key is null ? AuthenticateResult.Fail("unknown or revoked key") : Success(new Caller(key.Id, key.Role, key.ClinicId, key.Label)));
    }

    private static AuthenticateResult Success(Caller caller)
    {
        var claims = new List<Claim> { new(KeyIdClaim, caller.KeyId), new(ClaimTypes.Role, caller.Role.ToString()) };
        if (caller.ClinicId is not null) claims.Add(new Claim(ClinicIdClaim, caller.ClinicId));
        if (caller.Label is not null) claims.Add(new Claim(LabelClaim, caller.Label));
        return AuthenticateResult.Success(new AuthenticationTicket(new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName)), SchemeName));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        CodedError.WriteAsync(Context, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED",
            Context.Request.Headers.Authorization.Count == 0 ? "This needs an API key: send 'Authorization: Bearer <secret>'." : "The API key is unknown or revoked.");

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        CodedError.WriteAsync(Context, StatusCodes.Status403Forbidden, "FORBIDDEN", "This key's role may not do this.");
}

public static class ApiKeyPrincipal
{
    /// <summary>The caller the API key authenticated, or null for an anonymous request.</summary>
    public static Caller? ToCaller(this ClaimsPrincipal user)
    {
        if (user.FindFirst(ApiKeyAuthenticationHandler.KeyIdClaim)?.Value is not { } id) return null;
        var role = Enum.Parse<ApiKeyRole>(user.FindFirst(ClaimTypes.Role)!.Value);
        return new Caller(id, role, user.FindFirst(ApiKeyAuthenticationHandler.ClinicIdClaim)?.Value, user.FindFirst(ApiKeyAuthenticationHandler.LabelClaim)?.Value);
    }
}
