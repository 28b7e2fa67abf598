using System.Net;
using ClinicDirectory.Api.GraphQL;
using GraphQLParser;

namespace ClinicDirectory.Api.Tests;

/// <summary>
/// A document sent again is not validated again; what depends on the request must still be checked every
/// time: its variables, and queries-only over GET.
/// </summary>
public sealed class ValidatedDocumentTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public ValidatedDocumentTests(DirectoryFactory factory) => _factory = factory;

    [Fact]
    public async Task A_document_sent_again_still_has_its_variables_checked()
    {
        var client = await _factory.ReadyClientAsync();
        const string query = "query($n: Int) { searchClinics(first: $n, filter: { text: \"physiotherapy\" }) { totalCount edges { node { id } } } }";

        var (first, firstBody) = await client.PostAsync(query, new { n = 2 });
        var (again, againBody) = await client.PostAsync(query, new { n = 1 });
        var (bad, badBody) = await client.PostAsync(query, new { n = "not a number" });

        Assert.Equal(200, first);
        Assert.Equal(2, firstBody["data"]!["searchClinics"]!["edges"]!.AsArray().Count);
        Assert.Equal(200, again);
        Assert.Single(againBody["data"]!["searchClinics"]!["edges"]!.AsArray());
        Assert.Equal(400, bad);
        Assert.False(string.IsNullOrEmpty(badBody.ErrorCode()));
        Assert.Null(badBody["data"]);
    }

    [Fact]
    public async Task A_document_sent_again_has_its_cost_checked_with_its_variables()
    {
        var client = await _factory.ReadyClientAsync();
        // The cost of the nested lists grows with first: cheap for one clinic, over the limit for a hundred.
        const string query = "query($n: Int) { searchClinics(first: $n) { edges { node { practitioners { clinics { practitioners { id name profession languages } } } } } } }";

        var (cheap, cheapBody) = await client.PostAsync(query, new { n = 1 });
        var (costly, costlyBody) = await client.PostAsync(query, new { n = 100 });
        var (again, againBody) = await client.PostAsync(query, new { n = 1 });

        Assert.Equal(200, cheap);
        Assert.Null(cheapBody["errors"]);
        Assert.Equal(400, costly);
        Assert.Equal("COMPLEXITY", costlyBody.ErrorCode());
        Assert.Contains("the most a query may cost is 25000", costlyBody["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.Null(costlyBody["data"]);
        Assert.Equal(200, again);
        Assert.Single(againBody["data"]!["searchClinics"]!["edges"]!.AsArray());
    }

    [Fact]
    public async Task A_selection_nested_too_deep_is_refused_each_time_it_is_sent()
    {
        var client = await _factory.ReadyClientAsync();
        const string deep = "{ searchClinics(first: 1) { edges { node { practitioners { clinics { practitioners { clinics { practitioners { id } } } } } } } } }";
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await client.PostAsync(deep);
            Assert.Equal(400, status);
            Assert.Equal("QUERY_TOO_DEEP", body.ErrorCode());
            Assert.Contains("levels deep", body["errors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_mutation_that_ran_over_POST_is_still_refused_over_GET()
    {
        var client = await _factory.ReadyClientAsync();
        const string mutation = "mutation { revokeApiKey(id: \"no-such-key-for-get\") { removedId } }";
        var (status, _) = await client.PostAsync(mutation, bearer: DirectoryFactory.AdminKey);
        Assert.Equal(200, status);

        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/graphql?query=" + Uri.EscapeDataString(mutation), UriKind.Relative));
        request.Headers.Authorization = new("Bearer", DirectoryFactory.AdminKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Contains("METHOD_NOT_ALLOWED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_document_that_failed_validation_fails_again()
    {
        var client = await _factory.ReadyClientAsync();
        for (var i = 0; i < 2; i++)
        {
            var (status, body) = await client.PostAsync("{ searchClinics { nope } }");
            Assert.Equal(400, status);
            Assert.Equal("FIELDS_ON_CORRECT_TYPE", body.ErrorCode());
        }
    }

    [Fact]
    public void The_cache_keeps_documents_within_its_bound()
    {
        var documents = new ValidatedDocuments();
        var query = "{ conditions { id } }";
        documents.Add(query, Parser.Parse(query));
        Assert.NotNull(documents.Get(query));

        var tooLong = "{ conditions { id } }" + new string(' ', ValidatedDocuments.MaxQueryLength);
        documents.Add(tooLong, Parser.Parse(tooLong));
        Assert.Null(documents.Get(tooLong));

        // Filling past the total bound starts over: the first document goes, the latest stays.
        var filler = new string(' ', ValidatedDocuments.MaxQueryLength - 30);
        string last = "";
        for (var i = 0; i * (ValidatedDocuments.MaxQueryLength - 10) <= ValidatedDocuments.MaxTotalLength; i++)
        {
            last = $"{{ conditions {{ id }} }} # {i}{filler}";
            documents.Add(last, Parser.Parse(last));
        }
        Assert.Null(documents.Get(query));
        Assert.NotNull(documents.Get(last));
        Assert.True(documents.Count * (ValidatedDocuments.MaxQueryLength - 30) <= ValidatedDocuments.MaxTotalLength);
    }
}
