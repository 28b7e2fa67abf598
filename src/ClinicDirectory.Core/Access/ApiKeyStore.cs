using System.Security.Cryptography;
using System.Text;
using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Core.Access;

/// <summary>
/// API keys, kept in the store of record and held in memory for every request's lookup. A key created or revoked
/// here is committed (with its audit entry) before the call returns; one created or revoked by another process is
/// read again when the change log shows it (<see cref="RefreshAsync"/>). Secrets are 256-bit random values, stored
/// only as SHA-256 hashes.
/// </summary>
public sealed class ApiKeyStore(IDirectoryStore store, TimeProvider time)
{
    private const string SecretPrefix = "cdk_";
    private Dictionary<string, ApiKey> _byId = new(StringComparer.Ordinal);
    private Dictionary<string, ApiKey> _byHash = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();

    /// <summary>Reads every key from the store again.</summary>
    public async Task RefreshAsync(CancellationToken cancellationToken)
    {
        var keys = await store.ReadKeysAsync(cancellationToken);
        lock (_lock)
        {
            _byId = keys.ToDictionary(k => k.Id, StringComparer.Ordinal);
            _byHash = keys.ToDictionary(k => k.SecretHash, StringComparer.Ordinal);
        }
    }

    /// <summary>Creates a key; the secret is returned here and never again.</summary>
    public async Task<(ApiKey Key, string Secret)> CreateAsync(ApiKeyRole role, string? clinicId, string? label, int? requestsPerMinute, IReadOnlyList<string>? allowedOrigins,
        bool persistedDocumentsOnly, Func<ApiKey, AuditEntry> audit, CancellationToken cancellationToken)
    {
        var secret = SecretPrefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var key = new ApiKey
        {
            Id = "key_" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8)),
            Role = role,
            ClinicId = clinicId,
            Label = label,
            CreatedAt = time.GetUtcNow(),
            SecretHash = Hash(secret),
            RequestsPerMinute = requestsPerMinute,
            AllowedOrigins = allowedOrigins ?? [],
            PersistedDocumentsOnly = persistedDocumentsOnly,
        };
        await store.CommitKeyAsync(key, audit(key), cancellationToken);
        lock (_lock) Index(key);
        return (key, secret);
    }

    /// <summary>False when there is no such key or it was revoked already.</summary>
    public async Task<bool> RevokeAsync(string id, Func<ApiKey, AuditEntry> audit, CancellationToken cancellationToken)
    {
        var key = Get(id);
        if (key is null || key.RevokedAt is not null) return false;
        var revoked = key with { RevokedAt = time.GetUtcNow() };
        await store.CommitKeyAsync(revoked, audit(revoked), cancellationToken);
        lock (_lock) Index(revoked);
        return true;
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
}
