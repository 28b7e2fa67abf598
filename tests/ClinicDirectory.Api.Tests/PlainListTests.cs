using ClinicDirectory.Api.GraphQL;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;

namespace ClinicDirectory.Api.Tests;

/// <summary>The service with the library's own execution strategies instead of <see cref="DirectoryExecutionStrategy"/>.</summary>
public sealed class LibraryStrategyFactory : DirectoryFactory
{
    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        builder.ConfigureTestServices(services => services.AddSingleton<IExecutionStrategySelector>(new DefaultExecutionStrategySelector()));
    }
}

/// <summary>
/// Lists of objects read from their sources alone are written without a node per field
/// (<see cref="DirectoryExecutionStrategy"/>): the answers must be byte for byte those of the library's own
/// strategy, whatever the selection (aliases, fragments, directives, __typename, repeated fields, nested lists,
/// fields that are not plain).
/// </summary>
public sealed class PlainListTests : IClassFixture<DirectoryFactory>, IClassFixture<LibraryStrategyFactory>
{
    private const string StandardSearch = """
        query($f: ClinicFilter) { searchClinics(filter: $f, first: 20) { totalCount
          edges { distanceKm node { id name address { city region } } }
          facets { conditions { value count } certifications { value count } techniques { value count } cities { value count } languages { value count } } } }
        """;

    private const string EverySelection = """
        query($f: ClinicFilter, $withFacets: Boolean!, $noLabel: Boolean!) { searchClinics(filter: $f, first: 5) {
          totalCount pageInfo { hasNextPage endCursor }
          edges { __typename c: cursor score distanceKm highlights
            node { __typename id name description isSample version updatedAt latitude longitude phone email website bookingUrl
              techniques languages directBilling acceptingNewPatients
              address { street city region postalCode country __typename }
              hours { day opens closes }
              ...Extra
              conditions { id name } } }
          facets @include(if: $withFacets) {
            conditions { value label @skip(if: $noLabel) count __typename } cities { v: value count value }
            languages { ... on FacetValue { value count } } techniques { value } certifications { label } } } }
        fragment Extra on Clinic { name id practitioners { id name profession credentials { id status earnedOn program { id name } } } }
        """;

    // Every field plain: enums, dates, nested objects and lists, nullable values.
    private const string PlainPages = """
        query($text: String) {
          searchPractitioners(first: 7, filter: { text: $text }) { edges { score highlights node { id name profession bio techniques languages
            registration { regulator number status dryNeedlingAuthorized } credentials { id earnedOn expiresOn verifiedAt } updatedAt } } }
          searchClinics(first: 5, filter: { text: $text }) { edges { cursor score distanceKm highlights node { id techniques languages
            hours { day opens closes } address { street postalCode country } latitude longitude updatedAt isSample version phone website } } } }
        """;

    private readonly DirectoryFactory _service;
    private readonly LibraryStrategyFactory _library;

    public PlainListTests(DirectoryFactory service, LibraryStrategyFactory library)
    {
        _service = service;
        _library = library;
    }

    public static TheoryData<string, string> Requests => new()
    {
        { StandardSearch, """{ "f": { "text": "neck pain", "location": { "place": "Calgary, AB", "radiusKm": 25 } } }""" },
        { StandardSearch, """{ "f": { "certifications": ["kinetacore"] } }""" },
        { EverySelection, """{ "f": { "text": "sciatica" }, "withFacets": true, "noLabel": true }""" },
        { EverySelection, """{ "f": { "location": { "place": "Calgary, AB", "radiusKm": 50 } }, "withFacets": true, "noLabel": false }""" },
        { EverySelection, """{ "f": { "text": "tmj" }, "withFacets": false, "noLabel": false }""" },
        { """{ searchPractitioners(first: 7) { totalCount edges { cursor score node { id name profession bio techniques languages acceptingNewPatients registration { regulator number status dryNeedlingAuthorized } credentials { id earnedOn expiresOn verifiedAt status } clinics { id name address { city } } } } facets { conditions { value label count } } } }""", "{}" },
        { """{ conditions { id name bodyRegion synonyms } certificationPrograms { id name } }""", "{}" },
        { PlainPages, """{ "text": "neck" }""" },
        { PlainPages, """{ "text": null }""" },
        { """{ a: searchClinics(first: 3) { edges { node { id } node { name } } } b: searchClinics(first: 2, sort: NAME) { edges { n: node { id address { city } address { region } } } } }""", "{}" },
    };

    [Theory]
    [MemberData(nameof(Requests))]
    public async Task Answers_are_those_of_the_library_strategy(string query, string variables)
    {
        var service = await _service.ReadyClientAsync();
        var library = await _library.ReadyClientAsync();

        var expected = await library.AnswerAsync(query, variables);
        var actual = await service.AnswerAsync(query, variables);

        Assert.Contains("\"data\"", expected, StringComparison.Ordinal);
        Assert.DoesNotContain("\"errors\"", expected, StringComparison.Ordinal);
        Assert.Equal(expected, actual);
    }

    [Fact]
    public async Task A_search_page_s_edges_and_facet_values_are_written_as_plain_lists()
    {
        await _service.ReadyClientAsync();
        using var scope = _service.Services.CreateScope();
        var executer = scope.ServiceProvider.GetRequiredService<IDocumentExecuter<ISchema>>();

        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = StandardSearch,
            Variables = new Inputs(new Dictionary<string, object?> { ["f"] = new Dictionary<string, object?> { ["text"] = "neck pain" } }),
            RequestServices = scope.ServiceProvider,
            UserContext = new RequestContext(),
        });

        Assert.Empty(result.Errors ?? []);
        var search = Child(Assert.IsType<RootExecutionNode>(result.Data), "searchClinics");
        var edges = Assert.IsType<ArrayExecutionNode>(Child(search, "edges"));
        var conditions = Assert.IsType<ArrayExecutionNode>(Child(Child(search, "facets"), "conditions"));
        // Written from plain values: no execution node per item.
        Assert.Null(edges.Items);
        Assert.NotEmpty(Assert.IsAssignableFrom<IEnumerable<object?>>(edges.SerializedResult));
        Assert.Null(conditions.Items);
        Assert.NotEmpty(Assert.IsAssignableFrom<IEnumerable<object?>>(conditions.SerializedResult));
    }

    private static ExecutionNode Child(ExecutionNode node, string name) =>
        Assert.Single(Assert.IsAssignableFrom<ObjectExecutionNode>(node).SubFields!, n => n.Name == name);
}
