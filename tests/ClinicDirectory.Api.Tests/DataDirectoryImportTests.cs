namespace ClinicDirectory.Api.Tests;

/// <summary>
/// A data directory written by the build before the store of record (Fixtures/data-before-store, whose README says
/// what it holds) starts on today's build with every listing, key and audit entry, once, and the old files kept.
/// </summary>
public sealed class DataDirectoryImportTests : IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-import");

    public void Dispose() => _data.Dispose();

    private const string PartnerSecret = "cdk_jbCFDMaOn5im27TlDVOKcU-MHvlnClzScAFtZ9v5HxQ";

    private void CopyFixture()
    {
        var fixture = Path.Combine(RepositoryFolder.Root().FullName, "tests", "ClinicDirectory.Api.Tests", "Fixtures", "data-before-store");
        foreach (var file in Directory.GetFiles(fixture, "*", SearchOption.AllDirectories))
        {
            var target = Path.Combine(_data.Path, Path.GetRelativePath(fixture, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }
    }

    [Fact]
    public async Task A_data_directory_from_before_the_store_starts_with_every_listing_key_and_audit_entry()
    {
        CopyFixture();
        using (var service = ServiceProcess.Start(_data.Path))
        {
            await service.WaitReadyAsync();
            await AssertImportedAsync(service.Client);
            Assert.Contains("Imported into the Sqlite store: 2 clinics, 2 practitioners, 2 keys, 6 audit entries, 1 documents.", service.Output, StringComparison.Ordinal);
        }

        // Both keys in the store, the revoked one revoked.
        using (var store = ClinicDirectory.Store.SqliteDirectoryStore.InDirectory(_data.Path))
        {
            var keys = await store.ReadKeysAsync(default);
            Assert.Equal(["key_82b93c9cad82e871", "key_fd2102364aecdddc"], keys.Select(k => k.Id));
            Assert.NotNull(keys[0].RevokedAt);
            Assert.Null(keys[1].RevokedAt);
        }
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();

        // The old files are kept, moved aside; the next start imports nothing again and has it all.
        foreach (var name in new[] { "index", "keys.jsonl", "audit.jsonl", "persisted-documents.jsonl" })
            Assert.True(Path.Exists(Path.Combine(_data.Path, "before-store", name)), $"{name} kept");
        using var restarted = ServiceProcess.Start(_data.Path);
        await restarted.WaitReadyAsync();
        Assert.DoesNotContain("Imported", restarted.Output, StringComparison.Ordinal);
        await AssertImportedAsync(restarted.Client);
    }

    private static async Task AssertImportedAsync(HttpClient client)
    {
        // Listings as they were edited, and nothing of the repository's seed loaded beside them.
        var clinic = (await client.DataAsync("""{ clinic(id: "dynamic-physiotherapy-okotoks") { description version } }"""))["clinic"]!;
        Assert.Equal(("Edited before the store of record existed.", 2), (clinic["description"]!.GetValue<string>(), clinic["version"]!.GetValue<int>()));
        var staff = (await client.DataAsync("""{ clinic(id: "hillstar-grande-prairie") { practitioners { id } } }"""))["clinic"]!["practitioners"]!.AsArray();
        Assert.Contains(staff, p => p!["id"]!.GetValue<string>() == "fixture-practitioner-9bbda715");
        Assert.Equal(2, (await client.DataAsync("{ searchClinics { totalCount } }"))["searchClinics"]!["totalCount"]!.GetValue<int>());

        // The partner key works.
        Assert.Equal(200, (await client.PostAsync("{ conditions { id } }", null, PartnerSecret)).Status);

        // Every audit entry, with its sequence; the registered document.
        var audit = (await client.DataAsync("{ auditLog(first: 20) { entries { cursor action } } }", bearer: ServiceProcess.AdminKey))["auditLog"]!["entries"]!.AsArray();
        Assert.Equal(["revokeApiKey", "createApiKey", "createApiKey", "registerPersistedDocument", "upsertPractitioner:create", "updateClinic"],
            audit.Select(e => e!["action"]!.GetValue<string>()));
        Assert.Equal(["6", "5", "4", "3", "2", "1"], audit.Select(e => e!["cursor"]!.GetValue<string>()));
        var documents = (await client.DataAsync("{ persistedDocuments { query } }", bearer: ServiceProcess.AdminKey))["persistedDocuments"]!.AsArray();
        Assert.Equal("{ conditions { id } }", Assert.Single(documents)!["query"]!.GetValue<string>());
    }
}
