using System.Security.Cryptography;
using System.Text;

namespace ClinicDirectory.Core.Access;

/// <summary>
/// API keys under the data directory (keys.jsonl): created and revoked keys are appended as records and
/// the latest record of an id wins. Secrets are 256-bit random values, stored only as SHA-256 hashes.
/// </summary>
public sealed class ApiKeyStore : IDisposable
{
    private const string SecretPrefix = "cdk_";
    private readonly DurableJsonLines<ApiKey> _file;
    private readonly Dictionary<string, ApiKey> _byId = new(StringComparer.Ordinal);
    private readonly Dictionary<string, ApiKey> _byHash = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly TimeProvider _time;

    public ApiKeyStore(string dataPath, TimeProvider time)
    {
        _time = time;
        _file = new DurableJsonLines<ApiKey>(Path.Combine(dataPath, "keys.jsonl"));
        foreach (var key in _file.ReadAll()) Index(key);
    }

    /// <summary>Creates a key; the secret is returned here and never again.</summary>
    public (ApiKey Key, string Secret) Create(ApiKeyRole role, string? clinicId, string? label, int? requestsPerMinute = null, IReadOnlyList<string>? allowedOrigins = null, bool persistedDocumentsOnly = false)
    {
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Role = role,
            ClinicId = clinicId,
            Label = label,
            CreatedAt = _time.GetUtcNow(),
            SecretHash = Hash(secret),
            RequestsPerMinute = requestsPerMinute,
            AllowedOrigins = allowedOrigins ?? [],
            PersistedDocumentsOnly = persistedDocumentsOnly,
        };
        lock (_lock)
        {
            _file.Append(key);
            Index(key);
        }
        return (key, secret);
    }

    /// <summary>False when there is no such key or it was revoked already.</summary>
    public bool Revoke(string id)
    {
        lock (_lock)
        {
            if (!_byId.TryGetValue(id, out var key) || key.RevokedAt is not null) return false;
            var revoked = key with { RevokedAt = _time.GetUtcNow() };
            _file.Append(revoked);
            Index(revoked);
            return true;
        }
    }

    /// <summary>The active key with this secret, or null.</summary>
    public ApiKey? FindActive(string secret)
    {
        lock (_lock)
        {
            return _byHash.TryGetValue(Hash(secret), out var key) && key.RevokedAt is null ? key : null;
        }
    }

    public ApiKey? Get(string id)
    {
        lock (_lock) return _byId.GetValueOrDefault(id);
    }

    /// <summary>Whether an active PARTNER key lists this web origin in its allowed origins.</summary>
    public bool AnyPartnerAllows(string origin)
    {
        lock (_lock)
        {
            foreach (var key in _byId.Values)
            {
                if (key.RevokedAt is null && key.Role == ApiKeyRole.Partner && key.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase))
                    return true;
            }
            return false;
        }
    }

    public IReadOnlyList<ApiKey> All()
    {
        lock (_lock) return [.. _byId.Values.OrderBy(k => k.CreatedAt)];
    }

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    private void Index(ApiKey key)
    {
        _byId[key.Id] = key;
        _byHash[key.SecretHash] = key;
    }

    public void Dispose() => _file.Dispose();
}
