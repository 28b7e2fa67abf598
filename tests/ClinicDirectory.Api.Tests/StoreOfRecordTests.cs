using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

[CollectionDefinition(Name)]
public sealed class PostgresCollection : ICollectionFixture<PostgresServer>
{
    public const string Name = "PostgreSQL";
}

/// <summary>
/// The store of record through the real service process, on SQLite (the default) and on PostgreSQL: edits survive
/// kill -9 and a deleted index and are in their audit entries; two processes on one PostgreSQL database see each
/// other's writes, keys and revocations; the index rebuilt by the reindex command; the change feed.
/// </summary>
[Collection(PostgresCollection.Name)]
public sealed class StoreOfRecordTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-store");
    private readonly TempDirectory _other = new("clinicdirectory-store");

    public void Dispose()
    {
        _data.Dispose();
        _other.Dispose();
    }

    private Dictionary<string, string> Provider(string provider, string? database = null) => provider == "PostgreSQL"
        ? new() { ["Storage__Provider"] = "PostgreSQL", ["Storage__ConnectionString"] = database ?? postgres.CreateDatabase() }
        : new();

    private const string Clinic = "dynamic-physiotherapy-okotoks";

    private static async Task<int> VersionAsync(HttpClient client) =>
        (await client.DataAsync($$"""{ clinic(id: "{{Clinic}}") { version } }"""))["clinic"]!["version"]!.GetValue<int>();

    private static async Task<JsonNode> RenameAsync(HttpClient client, string name)
    {
        var version = await VersionAsync(client);
        var data = await client.DataAsync("""
            mutation($id: ID!, $v: Int!, $name: String!) { updateClinic(id: $id, expectedVersion: $v, patch: { name: $name }) { clinic { name version } userErrors { code message } } }
            """, new { id = Clinic, v = version, name }, ServiceProcess.AdminKey);
        Assert.Empty(data["updateClinic"]!["userErrors"]!.AsArray());
        return data["updateClinic"]!["clinic"]!;
    }

    private static async Task<int> FoundByNameAsync(HttpClient client, string name) =>
        (await client.DataAsync("query($t: String!) { searchClinics(filter: { text: $t }) { totalCount } }", new { t = name }))["searchClinics"]!["totalCount"]!.GetValue<int>();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task An_edit_survives_kill_9_and_a_deleted_index_and_is_in_its_audit_entry(string provider)
    {
        var environment = Provider(provider);
        int version;
        using (var service = ServiceProcess.Start(_data.Path, environment: environment))
        {
            await service.WaitReadyAsync();
            version = (await RenameAsync(service.Client, "Zyxwarble Physiotherapy"))["version"]!.GetValue<int>();
            // Read-your-writes: the answer came after the index showed the change.
            Assert.Equal(1, await FoundByNameAsync(service.Client, "Zyxwarble"));
            service.Kill();
        }
        Directory.Delete(Path.Combine(_data.Path, "index"), recursive: true);

        using var restarted = ServiceProcess.Start(_data.Path, environment: environment);
        await restarted.WaitReadyAsync();
        Assert.Equal(version, await VersionAsync(restarted.Client));
        Assert.Equal(1, await FoundByNameAsync(restarted.Client, "Zyxwarble"));
        var audit = await restarted.Client.DataAsync($$"""{ auditLog(clinicId: "{{Clinic}}", first: 5) { entries { action version keyId } } }""", bearer: ServiceProcess.AdminKey);
        var entry = audit["auditLog"]!["entries"]!.AsArray()[0]!;
        Assert.Equal(("updateClinic", version), (entry["action"]!.GetValue<string>(), entry["version"]!.GetValue<int>()));
        // The restarted service did not seed again on top of the store.
        Assert.Equal(1, await FoundByNameAsync(restarted.Client, "Hillstar"));
    }

    [Fact]
    public async Task Two_processes_on_one_PostgreSQL_database_see_each_others_writes_keys_and_revocations_within_a_second()
    {
        var database = postgres.CreateDatabase();
        using var a = ServiceProcess.Start(_data.Path, environment: Provider("PostgreSQL", database));
        await a.WaitReadyAsync();
        using var b = ServiceProcess.Start(_other.Path, environment: Provider("PostgreSQL", database));
        await b.WaitReadyAsync();

        await RenameAsync(a.Client, "Quoxel Physiotherapy");
        await WithinASecondAsync(async () => await FoundByNameAsync(b.Client, "Quoxel") == 1, "B shows A's edit");
        await RenameAsync(b.Client, "Vrentic Physiotherapy");
        await WithinASecondAsync(async () => await FoundByNameAsync(a.Client, "Vrentic") == 1, "A shows B's edit");

        var created = await a.Client.DataAsync("""mutation { createApiKey(role: PARTNER, label: "two processes") { apiKey { id } secret } }""", bearer: ServiceProcess.AdminKey);
        var secret = created["createApiKey"]!["secret"]!.GetValue<string>();
        var id = created["createApiKey"]!["apiKey"]!["id"]!.GetValue<string>();
        await WithinASecondAsync(async () => (await b.Client.PostAsync("{ conditions { id } }", null, secret)).Status == 200, "B accepts A's new key");
        await b.Client.DataAsync("mutation($id: ID!) { revokeApiKey(id: $id) { removedId } }", new { id }, ServiceProcess.AdminKey);
        await WithinASecondAsync(async () => (await a.Client.PostAsync("{ conditions { id } }", null, secret)).Status == 401, "A refuses the key B revoked");

        // One audit log: each process lists the other's entries.
        var audit = await a.Client.DataAsync("{ auditLog(first: 10) { entries { action } } }", bearer: ServiceProcess.AdminKey);
        Assert.Equal(["revokeApiKey", "createApiKey", "updateClinic", "updateClinic"],
            audit["auditLog"]!["entries"]!.AsArray().Select(e => e!["action"]!.GetValue<string>()));
    }

    private static async Task WithinASecondAsync(Func<Task<bool>> condition, string what)
    {
        var watch = Stopwatch.StartNew();
        while (!await condition())
        {
            Assert.True(watch.Elapsed < TimeSpan.FromSeconds(1), $"not within a second: {what}");
            await Task.Delay(20);
        }
    }

    [Fact]
    public async Task The_reindex_command_builds_the_index_again_from_the_store_with_progress()
    {
        using (var service = ServiceProcess.Start(_data.Path))
        {
            await service.WaitReadyAsync();
            await RenameAsync(service.Client, "Plimsor Physiotherapy");
        }
        using (var reindex = ServiceProcess.Start(_data.Path, arguments: ["reindex"]))
        {
            Assert.True(reindex.WaitForExit(TimeSpan.FromSeconds(90)), "reindex kept running");
            Assert.Equal(0, reindex.ExitCode);
            Assert.Contains("indexed 1002 of 1002 clinics", reindex.Output, StringComparison.Ordinal);
            Assert.Contains("index rebuilt from the Sqlite store up to change 2", reindex.Output, StringComparison.Ordinal);
        }
        using var restarted = ServiceProcess.Start(_data.Path);
        await restarted.WaitReadyAsync();
        Assert.Equal(1, await FoundByNameAsync(restarted.Client, "Plimsor"));
        Assert.DoesNotContain("Building the index", restarted.Output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Partners_follow_the_change_feed_from_a_cursor_and_other_callers_are_refused()
    {
        using var service = ServiceProcess.Start(_data.Path);
        await service.WaitReadyAsync();
        var partner = (await service.Client.DataAsync("""mutation { createApiKey(role: PARTNER, label: "mirror") { secret } }""", bearer: ServiceProcess.AdminKey))["createApiKey"]!["secret"]!.GetValue<string>();
        const string Feed = "query($after: String) { listingChanges(after: $after, first: 10) { edges { cursor node { kind id version removed clinicIds } } pageInfo { hasNextPage endCursor } } }";

        var start = (await service.Client.DataAsync(Feed, new { after = (string?)null }, partner))["listingChanges"]!;
        Assert.Equal("LOAD", start["edges"]![0]!["node"]!["kind"]!.GetValue<string>());
        Assert.False(start["pageInfo"]!["hasNextPage"]!.GetValue<bool>());
        var cursor = start["pageInfo"]!["endCursor"]!.GetValue<string>();

        var renamed = await RenameAsync(service.Client, "Feedwell Physiotherapy");
        var next = (await service.Client.DataAsync(Feed, new { after = cursor }, partner))["listingChanges"]!;
        var change = Assert.Single(next["edges"]!.AsArray())!["node"]!;
        Assert.Equal(("CLINIC", Clinic, renamed["version"]!.GetValue<int>(), false),
            (change["kind"]!.GetValue<string>(), change["id"]!.GetValue<string>(), change["version"]!.GetValue<int>(), change["removed"]!.GetValue<bool>()));

        // Keys are not listings: the feed does not show them.
        Assert.Empty((await service.Client.DataAsync(Feed, new { after = next["pageInfo"]!["endCursor"]!.GetValue<string>() }, partner))["listingChanges"]!["edges"]!.AsArray());

        var anonymous = await service.Client.PostAsync(Feed, new { after = (string?)null });
        Assert.Equal("UNAUTHENTICATED", anonymous.Body.ErrorCode());
        var clinicKey = (await service.Client.DataAsync($$"""mutation { createApiKey(role: CLINIC, clinicId: "{{Clinic}}") { secret } }""", bearer: ServiceProcess.AdminKey))["createApiKey"]!["secret"]!.GetValue<string>();
        Assert.Equal("FORBIDDEN", (await service.Client.PostAsync(Feed, new { after = (string?)null }, clinicKey)).Body.ErrorCode());
        Assert.Equal("BAD_USER_INPUT", (await service.Client.PostAsync(Feed, new { after = "not-a-cursor" }, partner)).Body.ErrorCode());
    }

    [Fact]
    public async Task A_store_that_cannot_be_reached_stops_the_start_with_one_line()
    {
        using var service = ServiceProcess.Start(_data.Path, environment: new Dictionary<string, string>
        {
            ["Storage__Provider"] = "PostgreSQL",
            ["Storage__ConnectionString"] = "Host=127.0.0.1;Port=1;Username=nobody;Database=none;Timeout=3",
        });
        Assert.True(service.WaitForExit(TimeSpan.FromSeconds(60)), "the service kept running");
        Assert.Equal(1, service.ExitCode);
        var line = Assert.Single(service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith("The store of record could not be opened:", line, StringComparison.Ordinal);
    }
}
