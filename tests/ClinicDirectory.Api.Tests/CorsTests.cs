using System.Net;
using System.Net.Http.Json;

namespace ClinicDirectory.Api.Tests;

/// <summary>Browser calls from other origins, as a partner's page makes them: preflight, then the request with its key.</summary>
public sealed class CorsTests : IClassFixture<DirectoryFactory>
{
    private const string PartnerOrigin = "https://partner.example";
    private readonly DirectoryFactory _factory;

    public CorsTests(DirectoryFactory factory) => _factory = factory;

    private async Task<(HttpClient Client, string Secret)> PartnerAsync()
    {
        var client = await _factory.ReadyClientAsync();
        var created = await client.DataAsync($$"""
            mutation { createApiKey(role: PARTNER, label: "cors test", allowedOrigins: ["{{PartnerOrigin}}"]) { secret userErrors { code } } }
            """, null, DirectoryFactory.AdminKey);
        return (client, created["createApiKey"]!["secret"]!.GetValue<string>());
    }

    private static HttpRequestMessage Preflight(string origin) => new(HttpMethod.Options, new Uri("/graphql", UriKind.Relative))
    {
        Headers =
        {
            { "Origin", origin },
            { "Access-Control-Request-Method", "POST" },
            { "Access-Control-Request-Headers", "authorization, content-type" },
        },
    };

    private static HttpRequestMessage Search(string origin, string? secret)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query = "{ searchClinics(filter: { text: \"neck pain\" }, first: 1) { totalCount } }" }),
        };
        request.Headers.Add("Origin", origin);
        if (secret is not null) request.Headers.Authorization = new("Bearer", secret);
        return request;
    }

    [Fact]
    public async Task A_partner_page_on_its_listed_origin_gets_a_preflight_and_its_search_answered()
    {
        var (client, secret) = await PartnerAsync();
        using var preflight = await client.SendAsync(Preflight(PartnerOrigin));
        Assert.Equal(HttpStatusCode.NoContent, preflight.StatusCode);
        Assert.Equal(PartnerOrigin, preflight.Headers.GetValues("Access-Control-Allow-Origin").Single());
        Assert.Contains("POST", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Methods")), StringComparison.Ordinal);
        Assert.Contains("authorization", string.Join(",", preflight.Headers.GetValues("Access-Control-Allow-Headers")), StringComparison.OrdinalIgnoreCase);

        using var search = await client.SendAsync(Search(PartnerOrigin, secret));
        Assert.Equal(HttpStatusCode.OK, search.StatusCode);
        Assert.Equal(PartnerOrigin, search.Headers.GetValues("Access-Control-Allow-Origin").Single());
    }

    [Fact]
    public async Task Another_origin_gets_no_cors_headers_and_its_calls_are_refused()
    {
        var (client, secret) = await PartnerAsync();
        using var preflight = await client.SendAsync(Preflight("https://elsewhere.example"));
        Assert.False(preflight.Headers.Contains("Access-Control-Allow-Origin"));

        // With the partner's key from an origin the key does not list, and without a key from a foreign origin.
        foreach (var key in new[] { secret, null })
        {
            using var search = await client.SendAsync(Search("https://elsewhere.example", key));
            Assert.Equal(HttpStatusCode.Forbidden, search.StatusCode);
            Assert.False(search.Headers.Contains("Access-Control-Allow-Origin"));
            Assert.Contains("ORIGIN_NOT_ALLOWED", await search.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task The_listed_origin_without_its_key_is_refused_and_the_page_s_own_origin_is_served()
    {
        var (client, _) = await PartnerAsync();
        using var anonymous = await client.SendAsync(Search(PartnerOrigin, null));
        Assert.Equal(HttpStatusCode.Forbidden, anonymous.StatusCode);

        using var own = await client.SendAsync(Search($"{client.BaseAddress!.Scheme}://{client.BaseAddress.Authority}", null));
        Assert.Equal(HttpStatusCode.OK, own.StatusCode);
    }
}
