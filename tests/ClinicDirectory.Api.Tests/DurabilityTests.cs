using System.Collections.Concurrent;

namespace ClinicDirectory.Api.Tests;

/// <summary>Acknowledged writes survive kill -9 on both stores, and one data directory serves one process.</summary>
[Collection(PostgresCollection.Name)]
public sealed class DurabilityTests(PostgresServer postgres) : IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-crash");

    public void Dispose() => _data.Dispose();

    [Theory]
    [InlineData("Sqlite")]
    [InlineData("PostgreSQL")]
    public async Task Every_acknowledged_write_is_there_after_SIGKILL_and_restart(string provider)
    {
        var environment = provider == "PostgreSQL"
            ? new Dictionary<string, string> { ["Storage__Provider"] = "PostgreSQL", ["Storage__ConnectionString"] = postgres.CreateDatabase() }
            : [];
        var acknowledged = new ConcurrentBag<string>();
        using (var service = ServiceProcess.Start(_data.Path, environment: environment))
        {
            await service.WaitReadyAsync();

            // Writers keep creating practitioners until the process dies under them.
            using var stop = new CancellationTokenSource();
            var writers = Enumerable.Range(0, 4).Select(w => Task.Run(async () =>
            {
                for (var i = 0; !stop.IsCancellationRequested; i++)
                {
                    try
                    {
                        var data = await service.Client.DataAsync("""
                            mutation($n: String!) { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { name: $n, profession: PHYSIOTHERAPIST }) { practitioner { id } userErrors { message } } }
                            """, new { n = $"Crash Writer {w}-{i}" }, DirectoryFactory.AdminKey);
                        acknowledged.Add(data["upsertPractitioner"]!["practitioner"]!["id"]!.GetValue<string>());
                    }
                    catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or IOException)
                    {
                        return;
                    }
                }
            })).ToList();

            var deadline = DateTime.UtcNow.AddSeconds(30);
            while (acknowledged.Count < 40 && DateTime.UtcNow < deadline) await Task.Delay(20);
            service.Kill();
            await stop.CancelAsync();
            await Task.WhenAll(writers);
        }
        Assert.True(acknowledged.Count >= 40, $"only {acknowledged.Count} writes were acknowledged before the kill");

        using var restarted = ServiceProcess.Start(_data.Path, environment: environment);
        await restarted.WaitReadyAsync();
        var listed = await restarted.Client.DataAsync("""{ clinic(id: "hillstar-grande-prairie") { practitioners { id } } }""");
        var ids = listed["clinic"]!["practitioners"]!.AsArray().Select(p => p!["id"]!.GetValue<string>()).ToHashSet();
        Assert.All(acknowledged, id => Assert.Contains(id, ids));

        // Every practitioner there, acknowledged or committed just before the kill, has its audit entry.
        var audited = new HashSet<string>();
        string? after = null;
        do
        {
            var page = (await restarted.Client.DataAsync("query($after: String) { auditLog(first: 100, after: $after) { entries { action objectId } pageInfo { hasNextPage endCursor } } }",
                new { after }, DirectoryFactory.AdminKey))["auditLog"]!;
            foreach (var e in page["entries"]!.AsArray().Where(e => e!["action"]!.GetValue<string>() == "upsertPractitioner:create"))
                audited.Add(e!["objectId"]!.GetValue<string>());
            after = page["pageInfo"]!["hasNextPage"]!.GetValue<bool>() ? page["pageInfo"]!["endCursor"]!.GetValue<string>() : null;
        }
        while (after is not null);
        Assert.All(ids.Where(id => id.StartsWith("crash-writer-", StringComparison.Ordinal)), id => Assert.Contains(id, audited));
        Assert.True(audited.Count >= acknowledged.Count);

        // The restarted service did not seed again on top of the existing directory.
        var count = await restarted.Client.DataAsync("""{ searchClinics(filter: { text: "Dynamic Physiotherapy" }) { totalCount } }""");
        Assert.Equal(1, count["searchClinics"]!["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_second_process_on_the_same_data_directory_exits_with_one_line_naming_the_holder()
    {
        using var first = ServiceProcess.Start(_data.Path);
        await first.WaitReadyAsync();

        using var second = ServiceProcess.Start(_data.Path);
        Assert.True(second.WaitForExit(TimeSpan.FromSeconds(60)), "the second process kept running");
        Assert.NotEqual(0, second.ExitCode);
        // One line naming the process that holds the directory: no stack trace, no abort.
        var lines = second.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var refusal = Assert.Single(lines);
        Assert.Contains("in use by another ClinicDirectory process (pid ", refusal, StringComparison.Ordinal);
        Assert.Contains($"pid {first.ProcessId} ", refusal, StringComparison.Ordinal);
        Assert.NotEqual(134, second.ExitCode);

        // The first one still serves.
        var data = await first.Client.DataAsync("{ conditions { id } }");
        Assert.NotEmpty(data["conditions"]!.AsArray());
    }
}
