using System.Security.Cryptography;
using System.Text;
using ClinicDirectory.Core.Access;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Access;

/// <summary>Turns the Authorization header into a caller: anonymous, a stored key, or the bootstrap admin.</summary>
public sealed class Authenticator(ApiKeyStore keys, IOptions<AuthOptions> options)
{
    public const string BootstrapAdminId = "bootstrap-admin";

    /// <summary>Ok is false for a header naming an unknown or revoked key; Caller is null for anonymous requests.</summary>
    public (bool Ok, Caller? Caller, ApiKey? Key) Authenticate(string? authorization)
    {
        if (string.IsNullOrEmpty(authorization)) return (true, null, null);
        if (!authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase)) return (false, null, null);
        var secret = authorization["Bearer ".Length..].Trim();
        if (secret.Length is 0 or > 512) return (false, null, null);

        var admin = options.Value.AdminKey;
        if (!string.IsNullOrEmpty(admin) &&
            CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(secret)), SHA256.HashData(Encoding.UTF8.GetBytes(admin))))
            return (true, new Caller(BootstrapAdminId, ApiKeyRole.Admin, null), null);

        var key = keys.FindActive(secret);
        return key is null ? (false, null, null) : (true, new Caller(key.Id, key.Role, key.ClinicId), key);
    }
}
