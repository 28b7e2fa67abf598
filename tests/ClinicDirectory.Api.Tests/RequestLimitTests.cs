using System.Diagnostics;

namespace ClinicDirectory.Api.Tests;

/// <summary>Queries that ask too much are refused while parsing or before validation, quickly, with a code.</summary>
public sealed class RequestLimitTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public RequestLimitTests(DirectoryFactory factory) => _factory = factory;

    private async Task<(int Status, string? Code, TimeSpan Took)> SendAsync(string query)
    {
        var client = await _factory.ReadyClientAsync();
        var watch = Stopwatch.StartNew();
        var (status, body) = await client.PostAsync(query);
        return (status, body.ErrorCode(), watch.Elapsed);
    }

    [Fact]
    public async Task A_thousand_aliased_searches_are_refused_before_any_search_runs()
    {
        var (status, code, _) = await SendAsync("{ " + string.Join(" ", Enumerable.Range(0, 1000).Select(i => $"a{i}: searchClinics(first: 100) {{ totalCount }}")) + " }");
        Assert.Equal(400, status);
        Assert.Equal("TOO_MANY_ALIASES", code);
    }

    [Fact]
    public async Task Two_thousand_aliased_lookups_never_reach_the_quadratic_validation()
    {
        var (status, code, took) = await SendAsync("{ " + string.Join(" ", Enumerable.Range(0, 2000).Select(i => $"c{i}: clinic(id: \"x{i}\") {{ id }}")) + " }");
        Assert.Equal(400, status);
        Assert.Equal("TOO_MANY_ALIASES", code);
        // Validated, the same document ran for minutes; refused here it takes a parse.
        Assert.True(took < TimeSpan.FromSeconds(10), $"took {took}");
    }

    [Theory]
    [InlineData(10, "QUERY_TOO_DEEP")]
    [InlineData(40, "QUERY_TOO_DEEP")]
    public async Task Deep_nesting_is_refused_with_a_code_not_a_500(int levels, string expected)
    {
        var query = "{ " + string.Concat(Enumerable.Repeat("searchClinics { edges { node { practitioners { clinics { ", levels / 5 + 1)) + "id" + new string('}', 5 * (levels / 5 + 1)) + " }";
        var (status, code, _) = await SendAsync(query);
        Assert.Equal(400, status);
        Assert.Equal(expected, code);
    }

    [Fact]
    public async Task Selections_repeated_through_fragments_count_as_expanded()
    {
        // Each fragment spreads the next twice: 2^12 fields from a short document.
        var fragments = string.Concat(Enumerable.Range(0, 12).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }} "));
        var (status, code, _) = await SendAsync("{ ...F0 } " + fragments + "fragment F12 on Query { conditions { id } }");
        Assert.Equal(400, status);
        Assert.Equal("QUERY_TOO_LARGE", code);
    }

    [Fact]
    public async Task A_patient_page_sized_query_with_nested_practitioners_runs()
    {
        var (status, code, _) = await SendAsync("{ searchClinics(first: 20) { edges { node { practitioners { credentials { program { name body } } } } } } }");
        Assert.Equal(200, status);
        Assert.Null(code);
    }
}
