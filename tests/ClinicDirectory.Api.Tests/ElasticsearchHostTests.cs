using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Search.Elasticsearch.Tests;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicDirectory.Api.Tests;

/// <summary>
/// The real host configured for Elasticsearch (Search:Engine=Elasticsearch), its cluster connection replaced by
/// Elastic.Transport's in-memory invoker answering in the reference's shapes: the seed is projected into new indices
/// behind the aliases, searches are read from the cluster's answers, readiness follows the cluster's health, and a
/// cluster that fails while serving gives a coded error, never a 5xx or the cluster's own words.
/// </summary>
public sealed class ElasticsearchHostTests : IDisposable
{
    private sealed class ElasticsearchDirectoryFactory(ClusterFake cluster) : DirectoryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Search:Engine", "Elasticsearch");
            builder.UseSetting("Elasticsearch:Url", "http://es.test:9200");
            builder.UseSetting("Elasticsearch:IndexPrefix", ClusterFake.Prefix);
            builder.ConfigureTestServices(services => services.AddSingleton<Elastic.Transport.IRequestInvoker>(cluster.Invoker));
        }
    }

    private readonly ClusterFake _cluster = new();
    private readonly ElasticsearchDirectoryFactory _factory;

    public ElasticsearchHostTests() => _factory = new ElasticsearchDirectoryFactory(_cluster);

    public void Dispose()
    {
        _factory.Dispose();
        _cluster.Dispose();
    }

    private const string Search = """{ searchClinics(filter: { text: "neck pain" }, first: 5) { totalCount edges { node { id name } } } }""";

    [Fact]
    public async Task The_seed_is_projected_into_the_cluster_and_searches_are_answered_from_it()
    {
        var client = await _factory.ReadyClientAsync();
        // The seed went to new indices behind the aliases, in bulk.
        Assert.Contains(_cluster.Sent, s => s.Path == "/_aliases");
        Assert.True(_cluster.Bulks.Sum(b => b.Lines.Count) >= 2 * 4000);

        var clinic = new Clinic
        {
            Id = "es-1",
            Name = "Bow River Physiotherapy (sample)",
            Address = new Address { Street = "1 Main St", City = "Okotoks", Region = "AB", PostalCode = "T1S 1A1", Country = "CA" },
            Latitude = 50.72885,
            Longitude = -113.98281,
            IsSample = true,
        };
        _cluster.Search = new(200, $$$"""
            {"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":1,"relation":"eq"},"max_score":2.5,"hits":[{"_index":"cd-clinics-v1-1","_id":"es-1","_score":2.5,"_source":{"listing":{{{JsonSerializer.Serialize(clinic, Core.Seeding.DirectoryJson.Options)}}}},"sort":[2.5,"es-1"]}]}}
            """);
        var data = await client.DataAsync(Search);
        Assert.Equal(1, data["searchClinics"]!["totalCount"]!.GetValue<int>());
        Assert.Equal("Bow River Physiotherapy (sample)", data["searchClinics"]!["edges"]![0]!["node"]!["name"]!.GetValue<string>());
        var sent = ClusterFake.Json(_cluster.Sent.Last(s => s.Path.StartsWith("/cd-clinics/_search", StringComparison.Ordinal)));
        Assert.Equal(6, sent.GetProperty("size").GetInt32());
    }

    [Fact]
    public async Task A_cluster_that_fails_while_serving_gives_a_coded_error_and_readiness_follows_its_health()
    {
        var client = await _factory.ReadyClientAsync();
        _cluster.Search = new(503, """{"error":{"root_cause":[{"type":"search_phase_execution_exception","reason":"all shards failed"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":503}""");
        var (status, body) = await client.PostAsync(Search);
        Assert.InRange(status, 200, 499);
        Assert.Equal("SEARCH_UNAVAILABLE", body.ErrorCode());
        var text = body.ToJsonString();
        Assert.DoesNotContain("shards", text, StringComparison.Ordinal);
        Assert.DoesNotContain("9200", text, StringComparison.Ordinal);

        _cluster.Health = "red";
        var ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        _cluster.Health = "green";
        ready = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
        Assert.Equal(System.Net.HttpStatusCode.OK, ready.StatusCode);
    }

    [Theory]
    [InlineData("http://127.0.0.1:1", null, "Elasticsearch at http://127.0.0.1:1 could not be reached:")]
    [InlineData("127.0.0.1:9200", null, "Elasticsearch:Url \"127.0.0.1:9200\" is not an http or https URL.")]
    [InlineData("https://127.0.0.1:1", "/nonexistent/ca.crt", "Elasticsearch:CaCertificatePath \"/nonexistent/ca.crt\" could not be read:")]
    public void A_cluster_the_service_cannot_use_stops_the_start_with_one_line(string url, string? caCertificate, string expected)
    {
        using var data = new TempDirectory("clinicdirectory-es-start");
        var environment = new Dictionary<string, string>
        {
            ["Search__Engine"] = "Elasticsearch",
            ["Elasticsearch__Url"] = url,
            ["Elasticsearch__RequestTimeout"] = "00:00:05",
        };
        if (caCertificate is not null) environment["Elasticsearch__CaCertificatePath"] = caCertificate;
        using var service = ServiceProcess.Start(data.Path, environment: environment);
        Assert.True(service.WaitForExit(TimeSpan.FromSeconds(60)), "the service kept running");
        Assert.Equal(1, service.ExitCode);
        var line = Assert.Single(service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries));
        Assert.StartsWith(expected, line, StringComparison.Ordinal);
    }
}
