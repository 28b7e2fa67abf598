using Microsoft.AspNetCore.Hosting;

namespace ClinicDirectory.Api.Tests;

/// <summary>Every response names its request; introspection can be turned off by configuration.</summary>
public sealed class RequestIdAndIntrospectionTests : IClassFixture<DirectoryFactory>, IClassFixture<RequestIdAndIntrospectionTests.NoIntrospectionFactory>
{
    /// <summary>The real host with <c>GraphQL:Introspection</c> false.</summary>
    public sealed class NoIntrospectionFactory : DirectoryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("GraphQL:Introspection", "false");
        }
    }

    private readonly DirectoryFactory _factory;
    private readonly NoIntrospectionFactory _closed;

    public RequestIdAndIntrospectionTests(DirectoryFactory factory, NoIntrospectionFactory closed)
    {
        _factory = factory;
        _closed = closed;
    }

    [Fact]
    public async Task Every_response_carries_its_own_request_id()
    {
        var client = await _factory.ReadyClientAsync();
        var ids = new List<string>();
        foreach (var path in new[] { "/health/ready", "/", "/graphql?query=%7B%20conditions%20%7B%20id%20%7D%20%7D", "/graphql?query=%7B", "/no-such-page" })
        {
            using var response = await client.GetAsync(new Uri(path, UriKind.Relative));
            Assert.True(response.Headers.TryGetValues("X-Request-Id", out var values), $"no X-Request-Id on {path} ({(int)response.StatusCode})");
            ids.Add(values.Single());
        }
        Assert.Equal(ids.Count, ids.Distinct().Count());
    }

    [Fact]
    public async Task With_introspection_off_the_schema_is_not_introspected_and_searches_still_run()
    {
        var client = await _closed.ReadyClientAsync();
        var (status, body) = await client.PostAsync("{ __schema { types { name } } }");
        Assert.Equal(400, status);
        Assert.False(string.IsNullOrEmpty(body.ErrorCode()));
        Assert.Null(body["data"]);
        var data = await client.DataAsync("{ searchClinics(filter: { text: \"neck pain\" }, first: 1) { totalCount } }");
        Assert.True(data["searchClinics"]!["totalCount"]!.GetValue<int>() > 0);

        var (open, _) = await (await _factory.ReadyClientAsync()).PostAsync("{ __schema { types { name } } }");
        Assert.Equal(200, open);
    }
}
