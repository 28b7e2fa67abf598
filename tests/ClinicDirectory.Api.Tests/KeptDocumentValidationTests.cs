using ClinicDirectory.Api.GraphQL;
using GraphQL.Validation;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicDirectory.Api.Tests;

/// <summary>The service with the library's own document validator instead of <see cref="DirectoryDocumentValidator"/>.</summary>
public sealed class LibraryValidatorFactory : DirectoryFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IDocumentValidator>(new DocumentValidator()));
    }
}

/// <summary>
/// A kept document's variables and arguments are parsed from what was worked out for the document once
/// (<see cref="DirectoryDocumentValidator"/>): every request, valid or not, must be answered exactly as the
/// library's validator answers it.
/// </summary>
public sealed class KeptDocumentValidationTests : IClassFixture<DirectoryFactory>, IClassFixture<LibraryValidatorFactory>
{
    private const string Search = """
        query($f: ClinicFilter, $sort: SearchSort = DISTANCE, $n: Int, $after: String, $p: PractitionerFilter!) {
          searchClinics(filter: $f, sort: $sort, first: $n, after: $after) { totalCount edges { node { id name } } }
          searchPractitioners(filter: $p, first: 2) { totalCount edges { node { id } } }
          conditions { id }
        }
        """;

    private readonly DirectoryFactory _service;
    private readonly LibraryValidatorFactory _library;

    public KeptDocumentValidationTests(DirectoryFactory service, LibraryValidatorFactory library)
    {
        _service = service;
        _library = library;
    }

    public static TheoryData<string> Variables => new()
    {
        """{ "f": { "text": "neck pain", "location": { "place": "Calgary, AB", "radiusKm": 25 } }, "n": 3, "p": {} }""",
        """{ "f": { "certifications": ["kinetacore"] }, "sort": "NAME", "n": 2, "p": { "text": "sciatica" } }""",
        """{ "f": null, "sort": null, "n": null, "after": null, "p": {} }""",
        """{ "p": {} }""",
        """{ "f": { "text": "tmj" }, "n": "three", "p": {} }""",
        """{ "f": { "text": "tmj" }, "sort": "LOUDEST", "p": {} }""",
        """{ "f": { "colour": "blue" }, "p": {} }""",
        """{ "f": { "location": { "radiusKm": "far" } }, "p": {} }""",
        """{ "f": { "text": "tmj" } }""",
        """{ "f": { "text": "tmj" }, "p": null }""",
        """{ "f": { "text": "tmj" }, "after": "not a cursor", "p": {} }""",
        """{ "f": { "text": "tmj" }, "n": -1, "p": {} }""",
    };

    [Theory]
    [MemberData(nameof(Variables))]
    public async Task A_kept_document_is_answered_as_the_library_validator_answers_it(string variables)
    {
        var service = await _service.ReadyClientAsync();
        var library = await _library.ReadyClientAsync();
        const string valid = """{ "f": { "text": "neck" }, "p": {} }""";
        // The first valid request keeps the document; the request under test is then a kept one on both hosts.
        Assert.StartsWith("200 ", await service.AnswerAsync(Search, valid), StringComparison.Ordinal);
        Assert.StartsWith("200 ", await library.AnswerAsync(Search, valid), StringComparison.Ordinal);

        var expected = WithoutCost(await library.AnswerAsync(Search, variables));
        var actual = WithoutCost(await service.AnswerAsync(Search, variables));
        var again = WithoutCost(await service.AnswerAsync(Search, variables));

        Assert.Equal(expected, actual);
        Assert.Equal(expected, again);
    }

    /// <summary>
    /// The answer ("status body") without <c>extensions.cost</c>, which the service's validator adds (the cost is
    /// computed there) and the library's, run here without the service's cost rule, does not; both re-serialized alike.
    /// </summary>
    private static string WithoutCost(string answer)
    {
        var space = answer.IndexOf(' ', StringComparison.Ordinal);
        var body = System.Text.Json.Nodes.JsonNode.Parse(answer[(space + 1)..])!.AsObject();
        if (body["extensions"] is System.Text.Json.Nodes.JsonObject extensions)
        {
            extensions.Remove("cost");
            if (extensions.Count == 0) body.Remove("extensions");
        }
        return answer[..space] + " " + body.ToJsonString();
    }
}
