using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

/// <summary>
/// The tools partners use, run against the service as its own process: graphql-js's standard introspection (what
/// GraphiQL, Apollo and graphql-codegen send) and graphql-http's GraphQL over HTTP audit, from npm (tests/…/js).
/// </summary>
public sealed class PartnerToolingTests : IAsyncLifetime, IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-partner-tests");
    private ServiceProcess _service = null!;

    public async Task InitializeAsync()
    {
        _service = ServiceProcess.Start(_data.Path);
        await _service.WaitReadyAsync();
    }

    public Task DisposeAsync() => Task.CompletedTask;

    public void Dispose()
    {
        _service?.Dispose();
        _data.Dispose();
    }

    /// <summary>Runs one of the js folder's scripts with node against the service's GraphQL endpoint; its JSON output.</summary>
    private async Task<JsonNode> NodeAsync(string script)
    {
        var folder = Path.Combine(RepositoryFolder.Root().FullName, "tests", "ClinicDirectory.Api.Tests", "js");
        var info = new ProcessStartInfo("node") { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        info.ArgumentList.Add(script);
        info.ArgumentList.Add(new Uri(_service.Address, "/graphql").ToString());
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromSeconds(120));
        Assert.True(process.ExitCode == 0, $"node {script} exited {process.ExitCode}: {await errors}");
        return JsonNode.Parse(await output)!;
    }

    [Fact]
    public async Task Graphql_js_standard_introspection_with_every_option_builds_the_schema()
    {
        var result = await NodeAsync("introspect.mjs");
        Assert.True(result["errors"] is null, result.ToJsonString());
        Assert.Equal(200, result["status"]!.GetValue<int>());
        Assert.StartsWith("application/graphql-response+json", result["contentType"]!.GetValue<string>(), StringComparison.Ordinal);
        var fields = result["queryFields"]!.AsArray().Select(f => f!.GetValue<string>()).ToList();
        Assert.Contains("searchClinics", fields);
        Assert.Contains("languages", fields);
        Assert.True(result["types"]!.GetValue<int>() > 40);
    }

    [Fact]
    public async Task The_graphql_over_http_audit_passes_every_must_and_should()
    {
        var audits = (await NodeAsync("audit.mjs")).AsArray();
        Assert.True(audits.Count > 50, $"{audits.Count} audits ran");
        var notOk = audits.Where(a => a!["status"]!.GetValue<string>() != "ok")
            .Select(a => $"{a!["status"]} {a["id"]} {a["name"]}: {a["reason"]}").ToList();
        Assert.True(notOk.Count == 0, string.Join("\n", notOk));
    }

    private async Task<(HttpStatusCode Status, string? ContentType, string Body)> SendAsync(string body, string? contentType = "application/json", string? accept = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative));
        request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(body));
        if (contentType is not null) request.Content.Headers.TryAddWithoutValidation("Content-Type", contentType);
        if (accept is not null) request.Headers.TryAddWithoutValidation("Accept", accept);
        using var response = await _service.Client.SendAsync(request);
        return (response.StatusCode, response.Content.Headers.ContentType?.MediaType, await response.Content.ReadAsStringAsync());
    }

    [Theory]
    [InlineData("application/graphql-response+json", HttpStatusCode.BadRequest, "application/graphql-response+json")]
    [InlineData("application/json", HttpStatusCode.OK, "application/json")]
    [InlineData(null, HttpStatusCode.OK, "application/json")]
    public async Task A_document_that_cannot_run_gets_the_status_its_media_type_calls_for(string? accept, HttpStatusCode status, string mediaType)
    {
        foreach (var query in new[] { "{ nope }", "{ searchClinics {", "query($f: Int!) { searchClinics(first: $f) { totalCount } }" })
        {
            var (code, type, body) = await SendAsync($$"""{ "query": {{System.Text.Json.JsonSerializer.Serialize(query)}}, "variables": { "f": "x" } }""", accept: accept);
            Assert.Equal(status, code);
            Assert.Equal(mediaType, type);
            Assert.NotNull(JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["code"]);
        }
    }

    [Theory]
    [InlineData(null)]
    [InlineData("text/plain")]
    [InlineData("application/x-www-form-urlencoded")]
    [InlineData("application/xml")]
    [InlineData("application/json; charset=latin1")]
    public async Task A_body_that_is_not_declared_JSON_gets_415(string? contentType)
    {
        var (code, _, body) = await SendAsync("""{ "query": "{ conditions { id } }" }""", contentType);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
        Assert.Equal("UNSUPPORTED_MEDIA_TYPE", JsonNode.Parse(body)!["errors"]![0]!["extensions"]!["code"]!.GetValue<string>());
    }

    [Fact]
    public async Task An_accept_header_allowing_neither_media_type_gets_406()
    {
        var (code, _, _) = await SendAsync("""{ "query": "{ conditions { id } }" }""", accept: "text/html");
        Assert.Equal(HttpStatusCode.NotAcceptable, code);
    }

    [Fact]
    public async Task The_directory_composes_as_a_federation_subgraph_and_resolves_its_entities()
    {
        var result = await NodeAsync("compose.mjs");
        Assert.True(result["errors"] is null, result.ToJsonString());
        var supergraph = result["supergraph"]!.GetValue<string>();
        Assert.Contains("partnerRating", supergraph, StringComparison.Ordinal);
        Assert.Contains("searchClinics", supergraph, StringComparison.Ordinal);
        Assert.Contains("@join__type(graph: DIRECTORY, key: \"id\")", supergraph, StringComparison.Ordinal);

        // What the gateway then sends the directory for a partner's query that reaches into a clinic and a practitioner.
        var clinicId = (await _service.Client.DataAsync("{ searchClinics(filter: { text: \"Okotoks\" }, first: 1) { edges { node { id name practitioners { id name } } } } }"))
            ["searchClinics"]!["edges"]![0]!["node"]!;
        var representations = new object[]
        {
            new Dictionary<string, string> { ["__typename"] = "Clinic", ["id"] = clinicId["id"]!.GetValue<string>() },
            new Dictionary<string, string> { ["__typename"] = "Practitioner", ["id"] = clinicId["practitioners"]![0]!["id"]!.GetValue<string>() },
            new Dictionary<string, string> { ["__typename"] = "Clinic", ["id"] = "no-such-clinic" },
        };
        var entities = (await _service.Client.DataAsync(
            "query ($r: [_Any!]!) { _entities(representations: $r) { __typename ... on Clinic { name } ... on Practitioner { name } } }",
            new { r = representations }))["_entities"]!.AsArray();
        Assert.Equal(clinicId["name"]!.GetValue<string>(), entities[0]!["name"]!.GetValue<string>());
        Assert.Equal("Practitioner", entities[1]!["__typename"]!.GetValue<string>());
        Assert.Equal(clinicId["practitioners"]![0]!["name"]!.GetValue<string>(), entities[1]!["name"]!.GetValue<string>());
        Assert.Null(entities[2]);
    }
}
