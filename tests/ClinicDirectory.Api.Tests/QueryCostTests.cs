using System.Net;
using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;

namespace ClinicDirectory.Api.Tests;

/// <summary>What a query costs: reported on every answer, limited per request, and budgeted per caller and minute.</summary>
public sealed class QueryCostTests : IClassFixture<QueryCostTests.SmallBudgetFactory>
{
    /// <summary>The real host with rate limits on and a small cost budget (1,000 per minute).</summary>
    public sealed class SmallBudgetFactory : DirectoryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Enabled", "true");
            builder.UseSetting("RateLimiting:AnonymousPerMinute", "100000");
            builder.UseSetting("RateLimiting:PartnerPerMinute", "100000");
            builder.UseSetting("RateLimiting:CostPerMinute", "1000");
        }
    }

    private readonly SmallBudgetFactory _factory;

    public QueryCostTests(SmallBudgetFactory factory) => _factory = factory;

    private static async Task<string> PartnerKeyAsync(HttpClient client) =>
        (await client.DataAsync("mutation { createApiKey(role: PARTNER, label: \"cost test\") { secret } }", null, DirectoryFactory.AdminKey))
        ["createApiKey"]!["secret"]!.GetValue<string>();

    [Fact]
    public async Task Every_answer_reports_its_cost_the_limit_and_what_is_left_and_introspection_costs_one()
    {
        var client = await _factory.ReadyClientAsync();
        var key = await PartnerKeyAsync(client);
        var (status, body) = await client.PostAsync("{ searchClinics(first: 10) { totalCount edges { node { name } } } }", bearer: key);
        Assert.Equal(200, status);
        var cost = body["extensions"]!["cost"]!;
        var requested = cost["requested"]!.GetValue<double>();
        Assert.InRange(requested, 10, 100);
        Assert.Equal(25_000, cost["limit"]!.GetValue<int>());
        Assert.Equal(1000, cost["budgetPerMinute"]!.GetValue<int>());
        Assert.Equal(1000 - requested, cost["remaining"]!.GetValue<double>());

        var (_, introspection) = await client.PostAsync("{ __schema { types { name fields { name type { name ofType { name } } } } } }", bearer: key);
        // However much of the schema it reads: introspection reads the schema, not the directory.
        Assert.Equal(1, introspection["extensions"]!["cost"]!["requested"]!.GetValue<double>());
    }

    [Fact]
    public async Task A_query_over_the_per_request_limit_is_refused_with_its_cost_and_the_limit()
    {
        var client = await _factory.ReadyClientAsync();
        // Within the depth and alias limits, but each search of 100 clinics with their practitioners' clinics'
        // practitioners multiplies out past the limit.
        var query = "{ " + string.Join(" ", Enumerable.Range(0, 4).Select(i =>
            $"s{i}: searchClinics(first: 100) {{ edges {{ node {{ practitioners {{ clinics {{ practitioners {{ name }} }} }} }} }} }}")) + " }";
        var (status, body) = await client.PostAsync(query);
        Assert.Equal(400, status);
        Assert.Equal("COMPLEXITY", body.ErrorCode());
        Assert.Contains("25000", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(body["data"]);
    }

    [Fact]
    public async Task A_burst_past_the_callers_budget_gets_429_with_retry_after_and_nothing_runs()
    {
        var client = await _factory.ReadyClientAsync();
        var key = await PartnerKeyAsync(client);
        const string query = "{ searchClinics(first: 100) { edges { node { name address { city } } } } }";
        var statuses = new List<int>();
        for (var i = 0; i < 6; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = JsonContent.Create(new { query }) };
            request.Headers.Authorization = new("Bearer", key);
            using var response = await client.SendAsync(request);
            statuses.Add((int)response.StatusCode);
            if (response.StatusCode != HttpStatusCode.TooManyRequests) continue;
            Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) >= 1);
            var body = JsonNode.Parse(await response.Content.ReadAsStringAsync())!;
            Assert.Equal("COST_BUDGET_EXCEEDED", body.ErrorCode());
            Assert.Null(body["data"]);
        }
        Assert.Equal(200, statuses[0]);
        Assert.Contains(429, statuses);

        // Another caller's budget is its own.
        var (other, _) = await client.PostAsync(query, bearer: await PartnerKeyAsync(client));
        Assert.Equal(200, other);
    }
}
