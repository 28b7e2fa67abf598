using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

/// <summary>Documents run by id: registered by an admin (graphql-dotnet's persisted documents) or by Apollo's Automatic Persisted Queries.</summary>
public sealed class PersistedDocumentTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public PersistedDocumentTests(DirectoryFactory factory) => _factory = factory;

    private static string Sha256(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    private static async Task<(int Status, JsonNode Body)> SendAsync(HttpClient client, object body, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = JsonContent.Create(body) };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await client.SendAsync(request);
        return ((int)response.StatusCode, JsonNode.Parse(await response.Content.ReadAsStringAsync())!);
    }

    private static async Task<JsonNode> RegisterAsync(HttpClient client, string query, string? bearer = DirectoryFactory.AdminKey)
    {
        var data = await client.DataAsync("mutation ($q: String!) { registerPersistedDocument(query: $q, name: \"test\") { created document { id } userErrors { code message } } }",
            new { q = query }, bearer);
        return data["registerPersistedDocument"]!;
    }

    private static async Task<string> PartnerKeyAsync(HttpClient client, bool persistedOnly)
    {
        var data = await client.DataAsync($"mutation {{ createApiKey(role: PARTNER, label: \"pq\", persistedDocumentsOnly: {(persistedOnly ? "true" : "false")}) {{ secret apiKey {{ persistedDocumentsOnly }} }} }}",
            null, DirectoryFactory.AdminKey);
        Assert.Equal(persistedOnly, data["createApiKey"]!["apiKey"]!["persistedDocumentsOnly"]!.GetValue<bool>());
        return data["createApiKey"]!["secret"]!.GetValue<string>();
    }

    [Fact]
    public async Task A_registered_document_runs_by_its_sha256_id_over_POST_and_GET()
    {
        var client = await _factory.ReadyClientAsync();
        const string query = "query Okotoks($n: String!) { searchClinics(filter: { text: $n }, first: 2) { totalCount } }";
        var registered = await RegisterAsync(client, query);
        var id = registered["document"]!["id"]!.GetValue<string>();
        Assert.Equal("sha256:" + Sha256(query), id);
        Assert.True(registered["created"]!.GetValue<bool>());
        Assert.False((await RegisterAsync(client, query))["created"]!.GetValue<bool>());

        var (status, body) = await SendAsync(client, new { documentId = id, variables = new { n = "Okotoks" } });
        Assert.Equal(200, status);
        Assert.True(body["data"]!["searchClinics"]!["totalCount"]!.GetValue<int>() > 0, body.ToJsonString());
        Assert.NotNull(body["extensions"]!["cost"]);

        using var get = await client.GetAsync(new Uri($"/graphql?documentId={Uri.EscapeDataString(id)}&variables={Uri.EscapeDataString("{\"n\":\"Okotoks\"}")}", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, get.StatusCode);
        Assert.Contains("totalCount", await get.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var listed = await client.DataAsync("{ persistedDocuments { id name registeredBy } }", null, DirectoryFactory.AdminKey);
        Assert.Contains(listed["persistedDocuments"]!.AsArray(), d => d!["id"]!.GetValue<string>() == id);
    }

    [Fact]
    public async Task Unknown_and_malformed_document_ids_are_refused_with_codes()
    {
        var client = await _factory.ReadyClientAsync();
        var (status, body) = await SendAsync(client, new { documentId = "sha256:" + new string('0', 64) });
        Assert.Equal(400, status);
        Assert.Equal("DOCUMENT_NOT_FOUND", body.ErrorCode());
        (status, body) = await SendAsync(client, new { documentId = "sha256:XYZ" });
        Assert.Equal(400, status);
        Assert.Equal("DOCUMENT_ID_INVALID", body.ErrorCode());
        (status, body) = await SendAsync(client, new { documentId = "md5:abc" });
        Assert.Equal(400, status);
        Assert.Equal("DOCUMENT_ID_INVALID", body.ErrorCode());
    }

    [Fact]
    public async Task Only_admins_register_and_only_valid_documents()
    {
        var client = await _factory.ReadyClientAsync();
        var before = (await client.DataAsync("{ persistedDocuments { id } }", null, DirectoryFactory.AdminKey))["persistedDocuments"]!.AsArray().Count;

        var unknownField = await RegisterAsync(client, "{ searchClinics(first: 1) { noSuchField } }");
        Assert.Equal("INVALID", unknownField["userErrors"]![0]!["code"]!.GetValue<string>());
        Assert.Contains("noSuchField", unknownField["userErrors"]![0]!["message"]!.GetValue<string>(), StringComparison.Ordinal);
        var syntax = await RegisterAsync(client, "{ searchClinics(first: 1) { ");
        Assert.Equal("INVALID", syntax["userErrors"]![0]!["code"]!.GetValue<string>());
        var partner = await PartnerKeyAsync(client, persistedOnly: false);
        var forbidden = await RegisterAsync(client, "{ conditions { id } }", partner);
        Assert.Equal("FORBIDDEN", forbidden["userErrors"]![0]!["code"]!.GetValue<string>());

        var after = (await client.DataAsync("{ persistedDocuments { id } }", null, DirectoryFactory.AdminKey))["persistedDocuments"]!.AsArray().Count;
        Assert.Equal(before, after);
    }

    [Fact]
    public async Task Automatic_persisted_queries_follow_Apollos_protocol()
    {
        var client = await _factory.ReadyClientAsync();
        const string query = "{ certificationPrograms { id } }";
        var hash = Sha256(query);
        object Extensions(string h) => new { persistedQuery = new { version = 1, sha256Hash = h } };

        var (status, body) = await SendAsync(client, new { extensions = Extensions(hash) });
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", body.ErrorCode());
        Assert.Equal("PersistedQueryNotFound", body["errors"]![0]!["message"]!.GetValue<string>());

        (status, body) = await SendAsync(client, new { query, extensions = Extensions(hash) });
        Assert.Equal(200, status);
        Assert.NotNull(body["data"]!["certificationPrograms"]);

        (status, body) = await SendAsync(client, new { extensions = Extensions(hash) });
        Assert.Equal(200, status);
        Assert.NotNull(body["data"]!["certificationPrograms"]);

        (status, body) = await SendAsync(client, new { query = "{ conditions { id } }", extensions = Extensions(hash) });
        Assert.Equal("PERSISTED_QUERY_HASH_MISMATCH", body.ErrorCode());
        (status, body) = await SendAsync(client, new { extensions = Extensions("not-a-hash") });
        Assert.Equal("PERSISTED_QUERY_INVALID", body.ErrorCode());
    }

    [Fact]
    public async Task A_key_set_to_registered_documents_runs_nothing_else()
    {
        var client = await _factory.ReadyClientAsync();
        var key = await PartnerKeyAsync(client, persistedOnly: true);
        const string query = "{ languages { code } }";

        var (status, body) = await SendAsync(client, new { query }, key);
        Assert.Equal(400, status);
        Assert.Equal("PERSISTED_DOCUMENT_REQUIRED", body.ErrorCode());

        // A document another client registered through APQ is not one an admin registered.
        const string apq = "{ techniques { value } }";
        (status, _) = await SendAsync(client, new { query = apq, extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(apq) } } });
        Assert.Equal(200, status);
        (status, body) = await SendAsync(client, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(apq) } } }, key);
        Assert.Equal("PERSISTED_QUERY_NOT_FOUND", body.ErrorCode());
        (status, body) = await SendAsync(client, new { documentId = "sha256:" + Sha256(apq) }, key);
        Assert.Equal("DOCUMENT_NOT_FOUND", body.ErrorCode());

        var id = (await RegisterAsync(client, query))["document"]!["id"]!.GetValue<string>();
        (status, body) = await SendAsync(client, new { documentId = id }, key);
        Assert.Equal(200, status);
        Assert.NotNull(body["data"]!["languages"]);
    }

    [Fact]
    public async Task An_admin_registers_a_clients_manifest_in_one_request_all_or_nothing()
    {
        var client = await _factory.ReadyClientAsync();
        const string first = "query First { places(prefix: \"Okot\") { name } }";
        const string second = "query Second { conditions { name } }";
        var manifest = new
        {
            format = "apollo-persisted-query-manifest",
            version = 1,
            operations = new[]
            {
                new { id = Sha256(first), name = "First", type = "query", body = first },
                new { id = Sha256(second), name = "Second", type = "query", body = second },
            },
        };
        async Task<HttpResponseMessage> Upload(object content, string? bearer)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/admin/persisted-documents", UriKind.Relative)) { Content = JsonContent.Create(content) };
            if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
            return await client.SendAsync(request);
        }

        using (var anonymous = await Upload(manifest, null))
        {
            Assert.Equal(HttpStatusCode.Unauthorized, anonymous.StatusCode);
            Assert.Contains("UNAUTHENTICATED", await anonymous.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        using (var partner = await Upload(manifest, await PartnerKeyAsync(client, persistedOnly: false)))
        {
            Assert.Equal(HttpStatusCode.Forbidden, partner.StatusCode);
            Assert.Contains("FORBIDDEN", await partner.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }

        // One bad entry: nothing is registered.
        const string third = "query Third { languages { name } }";
        using (var bad = await Upload(new Dictionary<string, string> { [Sha256(third)] = third, ["broken"] = "{ nope" }, DirectoryFactory.AdminKey))
        {
            Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
            var text = await bad.Content.ReadAsStringAsync();
            Assert.Contains("INVALID_DOCUMENT", text, StringComparison.Ordinal);
            Assert.Contains("broken", text, StringComparison.Ordinal);
        }
        var (status, body) = await SendAsync(client, new { documentId = "sha256:" + Sha256(third) });
        Assert.Equal("DOCUMENT_NOT_FOUND", body.ErrorCode());

        using (var ok = await Upload(manifest, DirectoryFactory.AdminKey))
        {
            Assert.Equal(HttpStatusCode.OK, ok.StatusCode);
            var documents = JsonNode.Parse(await ok.Content.ReadAsStringAsync())!["documents"]!.AsArray();
            Assert.Equal(2, documents.Count);
        }
        // Apollo's clients with a manifest send the hash in the APQ extension; codegen's send documentId.
        (status, body) = await SendAsync(client, new { extensions = new { persistedQuery = new { version = 1, sha256Hash = Sha256(second) } } });
        Assert.Equal(200, status);
        Assert.NotNull(body["data"]!["conditions"]);
        (status, body) = await SendAsync(client, new { documentId = "sha256:" + Sha256(first) });
        Assert.Equal(200, status);
        Assert.NotNull(body["data"]!["places"]);

        using var notJson = await Upload("not a manifest", DirectoryFactory.AdminKey);
        Assert.Equal(HttpStatusCode.BadRequest, notJson.StatusCode);
        Assert.Contains("INVALID_MANIFEST", await notJson.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}

/// <summary>The explorer's example searches (ClientApp/explorer/examples.json) run without errors.</summary>
public sealed class ExplorerExampleTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public ExplorerExampleTests(DirectoryFactory factory) => _factory = factory;

    [Fact]
    public async Task Every_example_of_the_explorer_runs_and_reports_its_cost()
    {
        var client = await _factory.ReadyClientAsync();
        var path = Path.Combine(RepositoryFolder.Root().FullName, "src", "ClinicDirectory.Api", "ClientApp", "explorer", "examples.json");
        var examples = JsonNode.Parse(await File.ReadAllTextAsync(path))!.AsArray();
        Assert.NotEmpty(examples);
        foreach (var example in examples)
        {
            var variables = example!["variables"] is { } v ? JsonNode.Parse(v.GetValue<string>()) : null;
            var (status, body) = await client.PostAsync(example["query"]!.GetValue<string>(), variables);
            Assert.True(status == 200 && body["errors"] is null, body.ToJsonString());
            Assert.NotNull(body["extensions"]!["cost"]!["requested"]);
        }
    }
}
