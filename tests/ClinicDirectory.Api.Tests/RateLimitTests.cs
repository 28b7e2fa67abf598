using System.Net;
using Microsoft.AspNetCore.Hosting;

namespace ClinicDirectory.Api.Tests;

/// <summary>Rate limits answer 429 with Retry-After.</summary>
public sealed class RateLimitTests : IClassFixture<RateLimitTests.LimitedFactory>
{
    private readonly LimitedFactory _factory;

    public RateLimitTests(LimitedFactory factory) => _factory = factory;

    public sealed class LimitedFactory : DirectoryFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:Enabled", "true");
            builder.UseSetting("RateLimiting:AnonymousPerMinute", "5");
            builder.UseSetting("RateLimiting:MutationsPerMinute", "2");
        }
    }

    [Fact]
    public async Task Anonymous_requests_over_the_limit_get_429_with_Retry_After()
    {
        var client = await _factory.ReadyClientAsync();
        var statuses = new List<HttpStatusCode>();
        HttpResponseMessage? last = null;
        for (var i = 0; i < 7; i++)
        {
            last = await client.GetAsync(new Uri("/graphql?query=" + Uri.EscapeDataString("{ conditions { id } }"), UriKind.Relative));
            statuses.Add(last.StatusCode);
        }
        Assert.Equal(5, statuses.Count(s => s == HttpStatusCode.OK));
        Assert.Equal(HttpStatusCode.TooManyRequests, statuses[^1]);
        Assert.True(last!.Headers.RetryAfter?.Delta > TimeSpan.Zero);
        Assert.Contains("RATE_LIMITED", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Mutations_have_their_own_limit_per_key()
    {
        var client = await _factory.ReadyClientAsync();
        var statuses = new List<int>();
        for (var i = 0; i < 3; i++)
        {
            var (status, _) = await client.PostAsync("mutation { revokeApiKey(id: \"key_missing\") { userErrors { code } } }", bearer: DirectoryFactory.AdminKey);
            statuses.Add(status);
        }
        Assert.Equal([200, 200, 429], statuses);
    }
}
