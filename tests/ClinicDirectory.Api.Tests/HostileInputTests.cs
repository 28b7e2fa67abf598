using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

/// <summary>
/// Generated hostile requests through the real host: malformed JSON and content types, wrong variable types,
/// non-finite numbers, control characters and lone surrogates, huge strings and lists, deep nesting, broken syntax,
/// alias and depth bombs, fragment cycles, batched arrays and oversized headers. None may get a 5xx, every error
/// must carry a code, nothing internal may show, and the directory must be unchanged afterwards.
/// </summary>
public sealed class HostileInputTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public HostileInputTests(DirectoryFactory factory) => _factory = factory;

    private sealed record Hostile(string Name, string Body, string ContentType = "application/json", string? Bearer = null, string? Method = null);

    private const string Search = "query ($t: String, $f: Int, $c: [String!], $lat: Float) { searchClinics(filter: { text: $t, certifications: $c, location: { latitude: $lat, longitude: -113.98, radiusKm: 10 } }, first: $f) { totalCount edges { node { id name } } } }";

    private static string Json(object? value) => JsonSerializer.Serialize(value);

    private static IEnumerable<Hostile> Requests()
    {
        // Malformed bodies.
        string[] malformed = ["", "{", "}", "[", "null", "true", "42", "\"query\"", "{\"query\":", "{\"query\": 42}", "{\"query\": null}", "{\"query\": [\"{ conditions { id } }\"]}",
            "{\"query\": \"{ conditions { id } }\", \"variables\": \"nope\"}", "{\"query\": \"{ conditions { id } }\", \"variables\": [1]}",
            "{\"query\": \"{ conditions { id } }\",}", "{'query': '{ conditions { id } }'}", "{\"query\": \"{ conditions { id } }\" \"x\": 1}",
            "\u00ef\u00bb\u00bf{\"query\": \"{ conditions { id } }\"}", "{\"query\": \"{ conditions { id } }\", \"operationName\": 7}",
            "{\"query\": \"{ conditions { id } }\", \"extensions\": 7}", "{\"query\": \"{ conditions { id } }\", \"extensions\": {\"persistedQuery\": 7}}",
            "{\"documentId\": 7}", "{\"documentId\": \"sha256:\"}", "{\"documentId\": \"\"}", "{\"query\": \"{ a }\", \"documentId\": \"sha256:" + new string('a', 64) + "\"}"];
        foreach (var body in malformed) yield return new("malformed " + body, body);
        for (var depth = 1; depth <= 12; depth++) yield return new($"json nesting {depth * 50}", "{\"query\": \"{ conditions { id } }\", \"variables\": {\"t\": " + new string('[', depth * 50) + new string(']', depth * 50) + "}}");

        // Content types.
        string[] types = ["text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x", "application/xml", "application/graphql", "application/json; charset=latin1", "application/jsonx", "", "*/*", "application/json; charset=utf-16"];
        foreach (var type in types) yield return new("content type " + type, Json(new { query = "{ conditions { id } }" }), type);

        // Variables of the wrong type, out of range, non-finite.
        object?[] wrong = ["x", true, new[] { 1 }, new { a = 1 }, -1, 0, 1001, 1L << 40, 1.5, "20", null];
        foreach (var f in wrong) yield return new($"first {Json(f)}", Json(new { query = Search, variables = new { f } }));
        string[] numbers = ["NaN", "Infinity", "-Infinity", "1e400", "-1e400", "1e-400", "91", "-91", "0x10", "01", "1.", ".5", "+1", "\"NaN\"", "\"Infinity\""];
        foreach (var n in numbers) yield return new($"latitude {n}", $"{{\"query\": {Json(Search)}, \"variables\": {{\"lat\": {n}, \"f\": 5}}}}");

        // Text with control characters, lone surrogates, odd Unicode.
        string[] texts = ["\\u0000", "\\u0001\\u0002\\u001f", "\\ud800", "\\udfff", "\\ud800x", "a\\udc00b", "\\uffff", "\\ufeff", "\\u202e", "\\u2028\\u2029", "%00", "\\\\", "\\\"", "*", "?", "~", "\\\\*:?", "AND OR NOT", "(((((", ")", "[a TO z]", "{a TO z}", "title:x", "^2", "\\t\\n\\r", "\\u0085"];
        foreach (var t in texts) yield return new($"text {t}", $"{{\"query\": {Json(Search)}, \"variables\": {{\"t\": \"{t}\", \"f\": 5}}}}");
        foreach (var t in texts.Take(10)) yield return new($"inline text {t}", Json(new { query = "{ searchClinics(filter: { text: \"" + t + "\" }) { totalCount } }" }));
        yield return new("invalid utf-8", "{\"query\": \"{ searchClinics(filter: { text: \\\"\xff\xfe\\\" }) { totalCount } }\"}");

        // Huge strings and lists.
        foreach (var length in new[] { 256, 1_000, 10_000, 90_000 })
            yield return new($"text of {length}", Json(new { query = Search, variables = new { t = new string('a', length), f = 5 } }));
        foreach (var count in new[] { 100, 1_000, 10_000 })
            yield return new($"list of {count}", Json(new { query = Search, variables = new { c = Enumerable.Range(0, count).Select(i => "p" + i).ToArray(), f = 5 } }));
        yield return new("body over the limit", Json(new { query = Search, variables = new { t = new string('a', 200_000) } }));

        // Broken syntax: a valid query cut at every position.
        const string valid = "query Q($t: String) { searchClinics(filter: { text: $t }, first: 3) { totalCount edges { node { id name practitioners { name } } } } }";
        for (var cut = 1; cut < valid.Length; cut += 1) yield return new($"cut at {cut}", Json(new { query = valid[..cut] }));
        string[] syntax = ["{", "}", "{}", "query", "mutation", "subscription { x }", "{ __typename }", "{ ... }", "{ ...on }", "fragment F on Query { conditions { id } }", "{ conditions { id } } { conditions { id } }",
            "query A { conditions { id } } query A { conditions { id } }", "{ conditions(id: ) { id } }", "{ conditions @skip { id } }", "{ conditions @nope { id } }", "{ \"x\" }", "{ conditions { id } } #", "\u0000", "{ a\u0000b }", "{ conditions { id ", "{ searchClinics(first: 99999999999999999999) { totalCount } }",
            "{ searchClinics(first: -1) { totalCount } }", "{ searchClinics(sort: NOPE) { totalCount } }", "{ clinic(id: null) { id } }", "{ clinic { id } }", "{ searchClinics(after: \"not-a-cursor\") { totalCount } }", "{ searchClinics(after: \"\") { totalCount } }"];
        foreach (var q in syntax) yield return new("syntax " + q, Json(new { query = q }));

        // Deep nesting, alias and depth bombs, fragment cycles.
        foreach (var depth in new[] { 10, 40, 64, 100, 500, 5_000 })
            yield return new($"selection depth {depth}", Json(new { query = string.Concat(Enumerable.Repeat("{ a ", depth)) + string.Concat(Enumerable.Repeat("} ", depth)) }));
        foreach (var depth in new[] { 10, 64, 1_000 })
            yield return new($"list value depth {depth}", Json(new { query = "{ searchClinics(filter: { certifications: " + new string('[', depth) + new string(']', depth) + " }) { totalCount } }" }));
        foreach (var depth in new[] { 5, 10, 20 })
            yield return new($"directory depth {depth}", Json(new { query = "{ clinic(id: \"x\") { " + string.Concat(Enumerable.Repeat("practitioners { clinics { ", depth)) + "id" + string.Concat(Enumerable.Repeat(" } }", depth)) + " } }" }));
        foreach (var aliases in new[] { 21, 100, 1_000, 2_500 })
            yield return new($"aliases {aliases}", Json(new { query = "{ " + string.Join(" ", Enumerable.Range(0, aliases).Select(i => $"a{i}: searchClinics(first: 100) {{ totalCount }}")) + " }" }));
        yield return new("aliases of clinic by id", Json(new { query = "{ " + string.Join(" ", Enumerable.Range(0, 2_000).Select(i => $"a{i}: clinic(id: \"c{i}\") {{ id }}")) + " }" }));
        yield return new("fields 5000", Json(new { query = "{ conditions { " + string.Join(" ", Enumerable.Repeat("id", 5_000)) + " } }" }));
        yield return new("fragment cycle", Json(new { query = "{ ...A } fragment A on Query { ...B } fragment B on Query { ...A }" }));
        yield return new("fragment self", Json(new { query = "{ ...A } fragment A on Query { conditions { id } ...A }" }));
        yield return new("fragment fan-out", Json(new { query = "{ ...F0 } " + string.Join(" ", Enumerable.Range(0, 12).Select(i => $"fragment F{i} on Query {{ ...F{i + 1} ...F{i + 1} }}")) + " fragment F12 on Query { conditions { id } }" }));
        yield return new("introspection bomb", Json(new { query = "{ __schema { types { fields { type { fields { type { fields { type { fields { name } } } } } } } } } }" }));
        yield return new("cost", Json(new { query = "{ searchClinics(first: 100) { edges { node { practitioners { clinics { practitioners { name } } } } } } }" }));

        // Batched arrays.
        yield return new("batch of 2", "[" + Json(new { query = "{ conditions { id } }" }) + "," + Json(new { query = "{ languages { code } }" }) + "]");
        yield return new("batch of 1000", "[" + string.Join(",", Enumerable.Repeat(Json(new { query = "{ conditions { id } }" }), 1_000)) + "]");
        yield return new("empty batch", "[]");

        // Keys and headers.
        foreach (var bearer in new[] { "x", new string('k', 513), new string('k', 8_000), "cdk_\u00e9", "cdk_ \t", DirectoryFactory.AdminKey + "x" })
            yield return new($"bearer {bearer.Length}", Json(new { query = "{ conditions { id } }" }), Bearer: bearer);

        // Writes that must change nothing.
        string[] mutations = [
            "mutation { createClinic(input: { name: \"\", address: { street: \"\", city: \"\", region: \"\", postalCode: \"\", country: \"\" } }) { userErrors { code } } }",
            "mutation { createClinic(input: { name: \"" + new string('x', 5_000) + "\", address: { street: \"1\", city: \"Okotoks\", region: \"AB\", postalCode: \"T1S\", country: \"CA\" }, latitude: 1e400 }) { userErrors { code } } }",
            "mutation { createClinic(input: { name: \"x\", address: { street: \"1\", city: \"Okotoks\", region: \"AB\", postalCode: \"T1S\", country: \"CA\" }, latitude: 91, longitude: 0 }) { userErrors { code } } }",
            "mutation { removePractitioner(clinicId: \"no-such\", practitionerId: \"x\") { userErrors { code } } }",
            "mutation { revokeApiKey(id: \"\") { userErrors { code } } }",
            "mutation { createApiKey(role: CLINIC) { userErrors { code } } }",
            "mutation { createApiKey(role: PARTNER, allowedOrigins: [\"javascript:alert(1)\"]) { userErrors { code } } }",
            "mutation { createApiKey(role: PARTNER, requestsPerMinute: 0) { userErrors { code } } }",
            "mutation { registerPersistedDocument(query: \"{ nope\") { userErrors { code } } }",
            "mutation { registerPersistedDocument(query: \"\") { userErrors { code } } }",
        ];
        foreach (var m in mutations)
        {
            yield return new("mutation as admin " + m[..Math.Min(60, m.Length)], Json(new { query = m }), Bearer: DirectoryFactory.AdminKey);
            yield return new("mutation anonymous " + m[..Math.Min(60, m.Length)], Json(new { query = m }));
            yield return new("mutation over GET " + m[..Math.Min(60, m.Length)], m, Method: "GET");
        }
    }

    [Fact]
    public async Task Hostile_requests_get_coded_answers_no_5xx_leak_nothing_and_change_nothing()
    {
        var client = await _factory.ReadyClientAsync();
        const string state = "{ searchClinics(first: 100, sort: NAME) { totalCount edges { node { id name version } } } }";
        var before = (await client.DataAsync(state)).ToJsonString();
        var auditBefore = (await client.DataAsync("{ auditLog(first: 100) { entries { cursor } } }", null, DirectoryFactory.AdminKey)).ToJsonString();
        var keysBefore = (await client.DataAsync("{ persistedDocuments { id } }", null, DirectoryFactory.AdminKey)).ToJsonString();

        var requests = Requests().ToList();
        Assert.True(requests.Count >= 300, $"{requests.Count} requests");
        var failures = new List<string>();
        foreach (var hostile in requests)
        {
            using var request = hostile.Method == "GET"
                ? new HttpRequestMessage(HttpMethod.Get, new Uri("/graphql?query=" + Uri.EscapeDataString(hostile.Body), UriKind.Relative))
                : new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative)) { Content = new ByteArrayContent(Encoding.Latin1.GetBytes(Utf8(hostile.Body))) };
            if (request.Content is not null && hostile.ContentType.Length > 0) request.Content.Headers.TryAddWithoutValidation("Content-Type", hostile.ContentType);
            if (hostile.Bearer is not null) request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + hostile.Bearer);
            request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
            var started = System.Diagnostics.Stopwatch.StartNew();
            using var response = await client.SendAsync(request);
            var text = await response.Content.ReadAsStringAsync();
            var status = (int)response.StatusCode;
            var problem = Problem(status, text);
            if (problem is not null) failures.Add($"{hostile.Name}: HTTP {status}: {problem}: {text[..Math.Min(300, text.Length)]}");
        }
        Assert.True(failures.Count == 0, $"{failures.Count} of {requests.Count}:\n" + string.Join("\n", failures.Take(30)));

        Assert.Equal(before, (await client.DataAsync(state)).ToJsonString());
        Assert.Equal(auditBefore, (await client.DataAsync("{ auditLog(first: 100) { entries { cursor } } }", null, DirectoryFactory.AdminKey)).ToJsonString());
        Assert.Equal(keysBefore, (await client.DataAsync("{ persistedDocuments { id } }", null, DirectoryFactory.AdminKey)).ToJsonString());
    }

    /// <summary>The body as UTF-8 bytes, kept byte for byte where the test wrote raw bytes (\xff).</summary>
    private static string Utf8(string body) =>
        body.Any(c => c is '\xff' or '\xfe') ? body : Encoding.Latin1.GetString(Encoding.UTF8.GetBytes(body));

    /// <summary>What is wrong with an answer, or null.</summary>
    private static string? Problem(int status, string text)
    {
        if (status >= 500) return "server error";
        if (text.Contains("   at ", StringComparison.Ordinal) || text.Contains("Exception", StringComparison.Ordinal) || text.Contains("/work/", StringComparison.Ordinal))
            return "internal detail";
        if (text.Length > 200_000) return "answer too large";
        JsonNode? body;
        try
        {
            body = JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return "not JSON";
        }
        if (body?["errors"] is JsonArray errors)
        {
            if (errors.Count > 21) return "too many errors";
            foreach (var error in errors)
            {
                if (error?["extensions"]?["code"]?.GetValue<string>() is not { Length: > 0 }) return "error without a code";
            }
        }
        else if (status != 200 || body?["data"] is null)
        {
            return "neither data nor errors";
        }
        return null;
    }
}
