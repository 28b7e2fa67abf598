using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Store;
using Dapper;

namespace ClinicDirectory.Store;

/// <summary>
/// The store of record in SQL, the same tables and statements on SQLite and PostgreSQL (the providers differ in
/// how they connect, how a write takes the store's write lock and how a bulk load is sent). Listings, keys and
/// documents are rows of JSON beside the columns that are looked up; times are Unix milliseconds.
/// Every write runs under the write lock, which makes the change log's and the audit log's sequences gap-free and
/// in commit order: a reader that has seen sequence N has seen everything before it.
/// </summary>
public abstract class SqlDirectoryStore : IDirectoryStore
{
    public abstract string Provider { get; }

    /// <summary>An open connection (pooled by the provider).</summary>
    protected abstract Task<DbConnection> OpenAsync(CancellationToken cancellationToken);

    /// <summary>A transaction holding the store's write lock until it ends.</summary>
    protected abstract Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken);

    /// <summary>The schema's versions in order: index 0 is version 1.</summary>
    protected abstract IReadOnlyList<string> Migrations { get; }

    /// <summary>A condition that <paramref name="column"/> is one of the list parameter <paramref name="parameter"/>.</summary>
    protected virtual string In(string column, string parameter) => $"{column} IN {parameter}";

    public async Task MigrateAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        await connection.ExecuteAsync("CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, applied_at BIGINT NOT NULL)", transaction: tx);
        var current = await connection.ExecuteScalarAsync<int?>("SELECT MAX(version) FROM schema_migrations", transaction: tx) ?? 0;
        if (current > Migrations.Count)
            throw new InvalidOperationException($"The {Provider} store is at schema version {current}; this build knows versions up to {Migrations.Count}. Run a newer build.");
        for (var version = current + 1; version <= Migrations.Count; version++)
        {
            await connection.ExecuteAsync(Migrations[version - 1], transaction: tx);
            await connection.ExecuteAsync("INSERT INTO schema_migrations (version, applied_at) VALUES (@version, @at)", new { version, at = Now() }, tx);
        }
        await tx.CommitAsync(cancellationToken);
    }

    public async Task<long> CountClinicsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM clinics");
    }

    public Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadByIdsAsync<Clinic>($"SELECT json FROM clinics WHERE {In("id", "@ids")}", ids, cancellationToken);

    public Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        ReadByIdsAsync<Practitioner>($"SELECT json FROM practitioners WHERE {In("id", "@ids")}", ids, cancellationToken);

    public Task<IReadOnlyList<Practitioner>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken) =>
        ReadByIdsAsync<Practitioner>(
            $"SELECT json FROM practitioners WHERE id IN (SELECT practitioner_id FROM practitioner_clinics WHERE {In("clinic_id", "@ids")})",
            clinicIds, cancellationToken);

    /// <summary>Listings by ids, in chunks of 500 ids per statement; each listing once.</summary>
    private async Task<IReadOnlyList<T>> ReadByIdsAsync<T>(string sql, IReadOnlyCollection<string> ids, CancellationToken cancellationToken)
    {
        var found = new List<T>(ids.Count);
        if (ids.Count == 0) return found;
        await using var connection = await OpenAsync(cancellationToken);
        foreach (var chunk in ids.Distinct(StringComparer.Ordinal).Chunk(500))
        {
            foreach (var json in await connection.QueryAsync<string>(new CommandDefinition(sql, new { ids = chunk }, cancellationToken: cancellationToken)))
                found.Add(JsonSerializer.Deserialize<T>(json, DirectoryJson.Options)!);
        }
        return found;
    }

    public async Task<long?> CommitAsync(StoreChange change, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var at = Now();
        var seq = await NextChangeSequenceAsync(connection, tx);
        var first = seq;

        foreach (var (clinic, expected) in change.Clinics)
        {
            var row = new { id = clinic.Id, version = clinic.Version, updated_at = clinic.UpdatedAt.ToUnixTimeMilliseconds(), json = Json(clinic), expected };
            var written = expected is null
                ? await connection.ExecuteAsync("INSERT INTO clinics (id, version, updated_at, json) VALUES (@id, @version, @updated_at, @json)", row, tx)
                : await connection.ExecuteAsync("UPDATE clinics SET version = @version, updated_at = @updated_at, json = @json WHERE id = @id AND version = @expected", row, tx);
            if (written != 1) return null;
            await AppendChangeAsync(connection, tx, seq++, ChangeKind.Clinic, clinic.Id, clinic.Version, deleted: false, [clinic.Id], at);
        }

        foreach (var (practitioner, expected) in change.Practitioners)
        {
            var row = new { id = practitioner.Id, version = practitioner.Version, updated_at = practitioner.UpdatedAt.ToUnixTimeMilliseconds(), json = Json(practitioner), expected };
            var written = expected is null
                ? await connection.ExecuteAsync("INSERT INTO practitioners (id, version, updated_at, json) VALUES (@id, @version, @updated_at, @json)", row, tx)
                : await connection.ExecuteAsync("UPDATE practitioners SET version = @version, updated_at = @updated_at, json = @json WHERE id = @id AND version = @expected", row, tx);
            if (written != 1) return null;
            await connection.ExecuteAsync("DELETE FROM practitioner_clinics WHERE practitioner_id = @id", new { id = practitioner.Id }, tx);
            await connection.ExecuteAsync("INSERT INTO practitioner_clinics (clinic_id, practitioner_id) VALUES (@clinic, @id)",
                practitioner.ClinicIds.Distinct(StringComparer.Ordinal).Select(c => new { clinic = c, id = practitioner.Id }), tx);
            var touched = change.ClinicIdsByPractitioner?.GetValueOrDefault(practitioner.Id) ?? change.ClinicIds;
            await AppendChangeAsync(connection, tx, seq++, ChangeKind.Practitioner, practitioner.Id, practitioner.Version, deleted: false, touched, at);
        }

        foreach (var (id, expected) in change.DeletedPractitioners)
        {
            if (await connection.ExecuteAsync("DELETE FROM practitioners WHERE id = @id AND version = @expected", new { id, expected }, tx) != 1) return null;
            await connection.ExecuteAsync("DELETE FROM practitioner_clinics WHERE practitioner_id = @id", new { id }, tx);
            await AppendChangeAsync(connection, tx, seq++, ChangeKind.Practitioner, id, null, deleted: true, change.ClinicIds, at);
        }

        await AppendAuditAsync(connection, tx, change.Audit);
        foreach (var entry in change.MoreAudit) await AppendAuditAsync(connection, tx, entry);
        await tx.CommitAsync(cancellationToken);
        return seq > first ? seq - 1 : await LastSequenceAsync(cancellationToken);
    }

    public async Task<long?> LoadAsync(StoreLoad load, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        if (await connection.ExecuteScalarAsync<long?>("SELECT MAX(seq) FROM changes", transaction: tx) is > 0) return null;
        var loaded = 0;
        foreach (var (clinics, practitioners) in load.Listings)
        {
            cancellationToken.ThrowIfCancellationRequested();
            await InsertListingsAsync(connection, tx, clinics, practitioners, cancellationToken);
            loaded += clinics.Count + practitioners.Count;
            progress?.Report(loaded);
        }
        foreach (var key in load.Keys)
            await connection.ExecuteAsync("INSERT INTO api_keys (id, secret_hash, json) VALUES (@Id, @SecretHash, @json)", new { key.Id, key.SecretHash, json = Json(key) }, tx);
        foreach (var document in load.PersistedDocuments)
            await connection.ExecuteAsync("INSERT INTO persisted_documents (id, json) VALUES (@Id, @json)", new { document.Id, json = Json(document) }, tx);
        foreach (var entry in load.Audit)
            await connection.ExecuteAsync("INSERT INTO audit (seq, clinic_id, json) VALUES (@Sequence, @ClinicId, @json)", new { entry.Sequence, entry.ClinicId, json = Json(entry) }, tx);
        var seq = await NextChangeSequenceAsync(connection, tx);
        await AppendChangeAsync(connection, tx, seq, ChangeKind.Load, load.Origin, null, deleted: false, [], Now());
        await tx.CommitAsync(cancellationToken);
        return seq;
    }

    /// <summary>New listings and their clinic links, inside the load's transaction.</summary>
    protected virtual async Task InsertListingsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner> practitioners, CancellationToken cancellationToken)
    {
        await connection.ExecuteAsync("INSERT INTO clinics (id, version, updated_at, json) VALUES (@Id, @Version, @UpdatedAt, @Json)",
            clinics.Select(c => new { c.Id, c.Version, UpdatedAt = c.UpdatedAt.ToUnixTimeMilliseconds(), Json = Json(c) }), tx);
        await connection.ExecuteAsync("INSERT INTO practitioners (id, version, updated_at, json) VALUES (@Id, @Version, @UpdatedAt, @Json)",
            practitioners.Select(p => new { p.Id, p.Version, UpdatedAt = p.UpdatedAt.ToUnixTimeMilliseconds(), Json = Json(p) }), tx);
        await connection.ExecuteAsync("INSERT INTO practitioner_clinics (clinic_id, practitioner_id) VALUES (@Clinic, @Practitioner)",
            practitioners.SelectMany(p => p.ClinicIds.Distinct(StringComparer.Ordinal).Select(c => new { Clinic = c, Practitioner = p.Id })), tx);
    }

    public IAsyncEnumerable<IReadOnlyList<Clinic>> ReadClinicsAsync(int pageSize, CancellationToken cancellationToken) =>
        ReadAllAsync<Clinic>("clinics", pageSize, cancellationToken);

    public IAsyncEnumerable<IReadOnlyList<Practitioner>> ReadPractitionersAsync(int pageSize, CancellationToken cancellationToken) =>
        ReadAllAsync<Practitioner>("practitioners", pageSize, cancellationToken);

    /// <summary>A table's listings in id order, page by page (keyset paging: each page starts after the last id).</summary>
    private async IAsyncEnumerable<IReadOnlyList<T>> ReadAllAsync<T>(string table, int pageSize, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var after = "";
        while (true)
        {
            List<(string Id, string Json)> rows;
            await using (var connection = await OpenAsync(cancellationToken))
            {
                rows = [.. await connection.QueryAsync<(string, string)>(new CommandDefinition(
                    $"SELECT id, json FROM {table} WHERE id > @after ORDER BY id LIMIT @pageSize", new { after, pageSize }, cancellationToken: cancellationToken))];
            }
            if (rows.Count == 0) yield break;
            yield return [.. rows.Select(r => JsonSerializer.Deserialize<T>(r.Json, DirectoryJson.Options)!)];
            after = rows[^1].Id;
        }
    }

    public async Task<long> LastSequenceAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return await connection.ExecuteScalarAsync<long?>("SELECT MAX(seq) FROM changes") ?? 0;
    }

    public async Task<IReadOnlyList<ChangeEntry>> ReadChangesAsync(long after, int max, IReadOnlyCollection<ChangeKind>? kinds, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sql = "SELECT seq, kind, id, version, deleted, clinic_ids, at FROM changes WHERE seq > @after"
            + (kinds is null ? "" : " AND " + In("kind", "@kinds"))
            + " ORDER BY seq LIMIT @max";
        var rows = await connection.QueryAsync<(long Seq, string Kind, string Id, int? Version, int Deleted, string ClinicIds, long At)>(new CommandDefinition(
            sql, new { after, max, kinds = kinds?.Select(k => k.ToString()).ToArray() }, cancellationToken: cancellationToken));
        return [.. rows.Select(r => new ChangeEntry
        {
            Sequence = r.Seq,
            Kind = Enum.Parse<ChangeKind>(r.Kind),
            Id = r.Id,
            Version = r.Version,
            Deleted = r.Deleted != 0,
            ClinicIds = r.ClinicIds.Length == 0 ? [] : r.ClinicIds.Split(' '),
            At = DateTimeOffset.FromUnixTimeMilliseconds(r.At),
        })];
    }

    public async Task<long> CommitKeyAsync(ApiKey key, AuditEntry audit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var row = new { key.Id, key.SecretHash, json = Json(key) };
        if (await connection.ExecuteAsync("UPDATE api_keys SET json = @json WHERE id = @Id", row, tx) == 0)
            await connection.ExecuteAsync("INSERT INTO api_keys (id, secret_hash, json) VALUES (@Id, @SecretHash, @json)", row, tx);
        await AppendAuditAsync(connection, tx, audit);
        var seq = await NextChangeSequenceAsync(connection, tx);
        await AppendChangeAsync(connection, tx, seq, ChangeKind.ApiKey, key.Id, null, deleted: false, key.ClinicId is null ? [] : [key.ClinicId], Now());
        await tx.CommitAsync(cancellationToken);
        return seq;
    }

    public async Task<IReadOnlyList<ApiKey>> ReadKeysAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<string>("SELECT json FROM api_keys ORDER BY id")).Select(j => JsonSerializer.Deserialize<ApiKey>(j, DirectoryJson.Options)!)];
    }

    public async Task<IReadOnlySet<string>> AddPersistedDocumentsAsync(IReadOnlyList<PersistedDocument> documents, Func<PersistedDocument, AuditEntry> audit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        await using var tx = await BeginWriteAsync(connection, cancellationToken);
        var added = new HashSet<string>(StringComparer.Ordinal);
        var seq = await NextChangeSequenceAsync(connection, tx);
        foreach (var document in documents)
        {
            if (added.Contains(document.Id) || await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM persisted_documents WHERE id = @Id", new { document.Id }, tx) > 0) continue;
            await connection.ExecuteAsync("INSERT INTO persisted_documents (id, json) VALUES (@Id, @json)", new { document.Id, json = Json(document) }, tx);
            await AppendAuditAsync(connection, tx, audit(document));
            await AppendChangeAsync(connection, tx, seq++, ChangeKind.PersistedDocument, document.Id, null, deleted: false, [], Now());
            added.Add(document.Id);
        }
        await tx.CommitAsync(cancellationToken);
        return added;
    }

    public async Task<IReadOnlyList<PersistedDocument>> ReadPersistedDocumentsAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        return [.. (await connection.QueryAsync<string>("SELECT json FROM persisted_documents ORDER BY id")).Select(j => JsonSerializer.Deserialize<PersistedDocument>(j, DirectoryJson.Options)!)];
    }

    public async Task<(IReadOnlyList<AuditEntry> Entries, bool HasMore)> ReadAuditAsync(string? clinicId, int first, long? after, CancellationToken cancellationToken)
    {
        await using var connection = await OpenAsync(cancellationToken);
        var sql = "SELECT json FROM audit WHERE 1 = 1"
            + (clinicId is null ? "" : " AND clinic_id = @clinicId")
            + (after is null ? "" : " AND seq < @after")
            + " ORDER BY seq DESC LIMIT @limit";
        var rows = (await connection.QueryAsync<string>(new CommandDefinition(sql, new { clinicId, after, limit = first + 1 }, cancellationToken: cancellationToken))).ToList();
        var entries = rows.Take(first).Select(j => JsonSerializer.Deserialize<AuditEntry>(j, DirectoryJson.Options)!).ToList();
        return (entries, rows.Count > first);
    }

    /// <summary>The next change-log sequence; under the write lock, so no other writer takes it.</summary>
    private static async Task<long> NextChangeSequenceAsync(DbConnection connection, DbTransaction tx) =>
        (await connection.ExecuteScalarAsync<long?>("SELECT MAX(seq) FROM changes", transaction: tx) ?? 0) + 1;

    private static Task<int> AppendChangeAsync(DbConnection connection, DbTransaction tx, long seq, ChangeKind kind, string id, int? version, bool deleted, IReadOnlyList<string> clinicIds, long at) =>
        connection.ExecuteAsync(
            "INSERT INTO changes (seq, kind, id, version, deleted, clinic_ids, at) VALUES (@seq, @kind, @id, @version, @deleted, @clinicIds, @at)",
            new { seq, kind = kind.ToString(), id, version, deleted = deleted ? 1 : 0, clinicIds = string.Join(' ', clinicIds.Distinct(StringComparer.Ordinal)), at }, tx);

    private static async Task AppendAuditAsync(DbConnection connection, DbTransaction tx, AuditEntry audit)
    {
        var seq = (await connection.ExecuteScalarAsync<long?>("SELECT MAX(seq) FROM audit", transaction: tx) ?? 0) + 1;
        await connection.ExecuteAsync("INSERT INTO audit (seq, clinic_id, json) VALUES (@seq, @ClinicId, @json)",
            new { seq, audit.ClinicId, json = Json(audit with { Sequence = seq }) }, tx);
    }

    protected static string Json<T>(T value) => JsonSerializer.Serialize(value, DirectoryJson.Options);

    private static long Now() => DateTimeOffset.UtcNow.ToUnixTimeMilliseconds();

    /// <summary>The schema of version 1, in the SQL both providers read (types named as each provider accepts).</summary>
    protected static string SchemaV1(string text, string bigint) => $"""
        CREATE TABLE clinics (id {text} PRIMARY KEY, version INTEGER NOT NULL, updated_at {bigint} NOT NULL, json {text} NOT NULL);
        CREATE TABLE practitioners (id {text} PRIMARY KEY, version INTEGER NOT NULL, updated_at {bigint} NOT NULL, json {text} NOT NULL);
        CREATE TABLE practitioner_clinics (clinic_id {text} NOT NULL, practitioner_id {text} NOT NULL, PRIMARY KEY (clinic_id, practitioner_id));
        CREATE INDEX practitioner_clinics_by_practitioner ON practitioner_clinics (practitioner_id);
        CREATE TABLE api_keys (id {text} PRIMARY KEY, secret_hash {text} NOT NULL UNIQUE, json {text} NOT NULL);
        CREATE TABLE persisted_documents (id {text} PRIMARY KEY, json {text} NOT NULL);
        CREATE TABLE audit (seq {bigint} PRIMARY KEY, clinic_id {text}, json {text} NOT NULL);
        CREATE INDEX audit_by_clinic ON audit (clinic_id, seq);
        CREATE TABLE changes (seq {bigint} PRIMARY KEY, kind {text} NOT NULL, id {text} NOT NULL, version INTEGER, deleted INTEGER NOT NULL,
                              clinic_ids {text} NOT NULL, at {bigint} NOT NULL);
        CREATE INDEX changes_by_kind ON changes (kind, seq);
        """;

    public virtual void Dispose() => GC.SuppressFinalize(this);
}
