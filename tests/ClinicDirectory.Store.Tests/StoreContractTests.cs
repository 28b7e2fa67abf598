using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Store;
using Microsoft.Data.Sqlite;

namespace ClinicDirectory.Store.Tests;

/// <summary>
/// What every store of record must do, run on real SQLite (a file in a temp folder) and real PostgreSQL (a database
/// of its own on <see cref="PostgresServer"/>): one transaction per change, versions checked by the database, the
/// change log and audit log in commit order, bulk loads, keys, documents.
/// </summary>
public abstract class StoreContractTests : IAsyncLifetime
{
    protected abstract IDirectoryStore CreateStore();

    private IDirectoryStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = CreateStore();
        await _store.MigrateAsync(default);
    }

    public virtual Task DisposeAsync()
    {
        _store.Dispose();
        return Task.CompletedTask;
    }

    private static Clinic Clinic(string id, int version = 1) => new() { Id = id, Name = $"Clinic {id}", Version = version, UpdatedAt = DateTimeOffset.UnixEpoch.AddDays(1) };

    private static Practitioner Practitioner(string id, params string[] clinics) => new() { Id = id, Name = $"Practitioner {id}", ClinicIds = [.. clinics], Version = 1 };

    private static AuditEntry Audit(string action, string? clinicId = null) =>
        new() { Sequence = 0, At = DateTimeOffset.UtcNow, KeyId = "key_test", Role = ApiKeyRole.Admin, Action = action, ObjectType = "Clinic", ObjectId = clinicId ?? "-", ClinicId = clinicId };

    private Task<long?> Load(IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner>? practitioners = null) =>
        _store.LoadAsync(new StoreLoad { Listings = [(clinics, practitioners ?? [])], Origin = "test" }, null, default);

    [Fact]
    public async Task Migrating_again_and_from_several_stores_at_once_is_safe()
    {
        await _store.MigrateAsync(default);
        var others = Enumerable.Range(0, 4).Select(_ => CreateStore()).ToList();
        await Task.WhenAll(others.Select(s => s.MigrateAsync(default)));
        others.ForEach(s => s.Dispose());
        Assert.Equal(0, await _store.CountClinicsAsync(default));
    }

    [Fact]
    public async Task A_load_goes_into_an_empty_store_once_with_one_change_log_entry()
    {
        var sequence = await Load([Clinic("a"), Clinic("b")], [Practitioner("p", "a", "b")]);
        Assert.Equal(2, await _store.CountClinicsAsync(default));
        var change = Assert.Single(await _store.ReadChangesAsync(0, 10, null, default));
        Assert.Equal((sequence!.Value, ChangeKind.Load), (change.Sequence, change.Kind));
        Assert.Equal(["p"], (await _store.GetPractitionersOfClinicsAsync(["b"], default)).Select(p => p.Id));

        Assert.Null(await Load([Clinic("c")]));
        Assert.Equal(2, await _store.CountClinicsAsync(default));
        Assert.Single(await _store.ReadChangesAsync(0, 10, null, default));
    }

    [Fact]
    public async Task A_change_commits_its_listings_its_audit_entry_and_its_change_log_entries_together()
    {
        await Load([Clinic("a")]);
        var sequence = await _store.CommitAsync(new StoreChange
        {
            Clinics = [(Clinic("a", version: 2), 1), (Clinic("new"), null)],
            Audit = Audit("updateClinic", "a"),
        }, default);

        Assert.NotNull(sequence);
        Assert.Equal(2, Assert.Single(await _store.GetClinicsAsync(["a"], default)).Version);
        var changes = await _store.ReadChangesAsync(1, 10, null, default);
        Assert.Equal([(ChangeKind.Clinic, "a", 2), (ChangeKind.Clinic, "new", 1)], changes.Select(c => (c.Kind, c.Id, c.Version ?? 0)));
        Assert.Equal(sequence, changes[^1].Sequence);
        var (entries, more) = await _store.ReadAuditAsync(null, 10, null, default);
        Assert.Equal("updateClinic", Assert.Single(entries).Action);
        Assert.False(more);
    }

    [Fact]
    public async Task A_stale_version_is_refused_by_the_database_and_nothing_of_the_change_is_written()
    {
        await Load([Clinic("a"), Clinic("b")]);
        Assert.NotNull(await _store.CommitAsync(new StoreChange { Clinics = [(Clinic("b", version: 2), 1)], Audit = Audit("updateClinic", "b") }, default));
        var before = await _store.LastSequenceAsync(default);

        // "a" is current, "b" was changed meanwhile: neither is written, and no audit or change-log entry is.
        var refused = await _store.CommitAsync(new StoreChange
        {
            Clinics = [(Clinic("a", version: 2), 1), (Clinic("b", version: 2), 1)],
            Audit = Audit("updateClinic", "a"),
        }, default);

        Assert.Null(refused);
        Assert.Equal(1, Assert.Single(await _store.GetClinicsAsync(["a"], default)).Version);
        Assert.Equal(before, await _store.LastSequenceAsync(default));
        Assert.Single((await _store.ReadAuditAsync(null, 10, null, default)).Entries);
    }

    [Fact]
    public async Task A_practitioner_moves_between_clinics_and_is_removed_with_the_clinics_it_touched_in_the_log()
    {
        await Load([Clinic("a"), Clinic("b")], [Practitioner("p", "a")]);
        var moved = Practitioner("p", "b");
        moved.Version = 2;
        await _store.CommitAsync(new StoreChange { Practitioners = [(moved, 1)], ClinicIds = ["a", "b"], Audit = Audit("upsertPractitioner:update") }, default);
        Assert.Empty(await _store.GetPractitionersOfClinicsAsync(["a"], default));
        Assert.Equal(["p"], (await _store.GetPractitionersOfClinicsAsync(["b"], default)).Select(p => p.Id));

        Assert.Null(await _store.CommitAsync(new StoreChange { DeletedPractitioners = [("p", 1)], ClinicIds = ["b"], Audit = Audit("removePractitioner") }, default));
        var sequence = await _store.CommitAsync(new StoreChange { DeletedPractitioners = [("p", 2)], ClinicIds = ["b"], Audit = Audit("removePractitioner") }, default);
        Assert.Empty(await _store.GetPractitionersAsync(["p"], default));
        Assert.Empty(await _store.GetPractitionersOfClinicsAsync(["b"], default));
        var removal = (await _store.ReadChangesAsync(0, 10, [ChangeKind.Practitioner], default))[^1];
        Assert.Equal((sequence!.Value, true, (int?)null), (removal.Sequence, removal.Deleted, removal.Version));
        Assert.Equal(["b"], removal.ClinicIds);
    }

    [Fact]
    public async Task Concurrent_changes_get_gap_free_sequences_in_commit_order()
    {
        await Load([.. Enumerable.Range(0, 16).Select(i => Clinic($"c{i}"))]);
        var sequences = await Task.WhenAll(Enumerable.Range(0, 16).Select(i => Task.Run(() =>
            _store.CommitAsync(new StoreChange { Clinics = [(Clinic($"c{i}", version: 2), 1)], Audit = Audit("updateClinic", $"c{i}") }, default))));
        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long?)i), sequences.Order());
        var changes = await _store.ReadChangesAsync(1, 100, null, default);
        Assert.Equal(Enumerable.Range(2, 16).Select(i => (long)i), changes.Select(c => c.Sequence));
        var audit = (await _store.ReadAuditAsync(null, 100, null, default)).Entries;
        Assert.Equal(Enumerable.Range(1, 16).Reverse().Select(i => (long)i), audit.Select(e => e.Sequence));
    }

    [Fact]
    public async Task Every_listing_is_read_back_in_pages()
    {
        await Load([.. Enumerable.Range(0, 25).Select(i => Clinic($"c{i:00}"))], [.. Enumerable.Range(0, 7).Select(i => Practitioner($"p{i}", "c00"))]);
        var pages = new List<IReadOnlyList<Clinic>>();
        await foreach (var page in _store.ReadClinicsAsync(10, default)) pages.Add(page);
        Assert.Equal([10, 10, 5], pages.Select(p => p.Count));
        Assert.Equal(25, pages.SelectMany(p => p).Select(c => c.Id).Distinct().Count());
        var practitioners = 0;
        await foreach (var page in _store.ReadPractitionersAsync(3, default)) practitioners += page.Count;
        Assert.Equal(7, practitioners);
    }

    [Fact]
    public async Task Keys_are_stored_as_hashes_revoked_and_read_back_with_their_audit_entries()
    {
        var key = new ApiKey { Id = "key_1", Role = ApiKeyRole.Partner, CreatedAt = DateTimeOffset.UtcNow, SecretHash = ApiKeyStore.Hash("cdk_secret"), AllowedOrigins = ["https://partner.example"] };
        await _store.CommitKeyAsync(key, Audit("createApiKey"), default);
        await _store.CommitKeyAsync(key with { RevokedAt = DateTimeOffset.UtcNow }, Audit("revokeApiKey"), default);
        var stored = Assert.Single(await _store.ReadKeysAsync(default));
        Assert.NotNull(stored.RevokedAt);
        Assert.Equal(["https://partner.example"], stored.AllowedOrigins);
        Assert.Equal(["revokeApiKey", "createApiKey"], (await _store.ReadAuditAsync(null, 10, null, default)).Entries.Select(e => e.Action));
        Assert.Equal([ChangeKind.ApiKey, ChangeKind.ApiKey], (await _store.ReadChangesAsync(0, 10, null, default)).Select(c => c.Kind));
    }

    [Fact]
    public async Task A_document_is_registered_once()
    {
        var document = new PersistedDocument { Id = PersistedDocumentStore.IdOf("{ conditions { id } }"), Query = "{ conditions { id } }", RegisteredAt = DateTimeOffset.UtcNow, RegisteredBy = "key_1" };
        var added = await _store.AddPersistedDocumentsAsync([document, document], _ => Audit("registerPersistedDocument"), default);
        Assert.Equal([document.Id], added);
        Assert.Empty(await _store.AddPersistedDocumentsAsync([document], _ => Audit("registerPersistedDocument"), default));
        Assert.Equal(document.Query, Assert.Single(await _store.ReadPersistedDocumentsAsync(default)).Query);
        Assert.Single((await _store.ReadAuditAsync(null, 10, null, default)).Entries);
    }

    [Fact]
    public async Task The_audit_log_pages_newest_first_and_by_clinic()
    {
        await Load([Clinic("a"), Clinic("b")]);
        for (var i = 0; i < 5; i++)
        {
            var id = i % 2 == 0 ? "a" : "b";
            var current = Assert.Single(await _store.GetClinicsAsync([id], default));
            await _store.CommitAsync(new StoreChange { Clinics = [(Clinic(id, current.Version + 1), current.Version)], Audit = Audit("updateClinic", id) }, default);
        }
        var (first, more) = await _store.ReadAuditAsync("a", 2, null, default);
        Assert.True(more);
        Assert.Equal([5L, 3L], first.Select(e => e.Sequence));
        var (rest, none) = await _store.ReadAuditAsync("a", 2, first[^1].Sequence, default);
        Assert.Equal([1L], rest.Select(e => e.Sequence));
        Assert.False(none);
    }
}

public sealed class SqliteStoreTests : StoreContractTests, IDisposable
{
    private readonly TempDirectory _folder = new("clinicdirectory-store-tests");

    protected override IDirectoryStore CreateStore() => SqliteDirectoryStore.InDirectory(_folder.Path);

    [Fact]
    public async Task The_file_is_in_WAL_mode()
    {
        using var store = CreateStore();
        await store.MigrateAsync(default);
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder.Path, SqliteDirectoryStore.FileName)}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", command.ExecuteScalar());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        _folder.Dispose();
    }
}

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

[Collection(PostgresCollection.Name)]
public sealed class PostgresStoreTests(PostgresServer server) : StoreContractTests
{
    private readonly string _database = server.CreateDatabase();

    protected override IDirectoryStore CreateStore() => new PostgresDirectoryStore(_database);
}
