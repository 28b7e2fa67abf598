using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace ClinicDirectory.Api.Tests;

/// <summary>The real host on a throwaway data directory, seeded from the repository's seed folder.</summary>
public class DirectoryFactory : WebApplicationFactory<Program>
{
    public const string AdminKey = ServiceProcess.AdminKey;

    public string DataPath { get; } = Path.Combine(Path.GetTempPath(), "clinicdirectory-api-tests", Guid.NewGuid().ToString("N"));

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Storage:DataPath", DataPath);
        builder.UseSetting("Auth:AdminKey", AdminKey);
        builder.UseSetting("RateLimiting:Enabled", "false");
        builder.UseEnvironment("Testing");
    }

    /// <summary>A client once /health/ready answers 200 (the seed is indexed).</summary>
    public async Task<HttpClient> ReadyClientAsync()
    {
        var client = CreateClient();
        var deadline = DateTime.UtcNow.AddSeconds(90);
        while (true)
        {
            var response = await client.GetAsync(new Uri("/health/ready", UriKind.Relative));
            if (response.IsSuccessStatusCode) return client;
            if (DateTime.UtcNow > deadline) throw new TimeoutException("The directory did not become ready.");
            await Task.Delay(100);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        try { Directory.Delete(DataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>Sends GraphQL requests and reads the answers.</summary>
public static class GraphQLClient
{
    public static async Task<(int Status, JsonNode Body)> PostAsync(this HttpClient client, string query, object? variables = null, string? bearer = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query, variables }),
        };
        if (bearer is not null) request.Headers.Authorization = new("Bearer", bearer);
        // The GraphQL media type, as current clients ask for it: its status codes tell whether a request could run.
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return ((int)response.StatusCode, JsonNode.Parse(text) ?? throw new JsonException("empty body"));
    }

    public static async Task<JsonNode> DataAsync(this HttpClient client, string query, object? variables = null, string? bearer = null)
    {
        var (status, body) = await client.PostAsync(query, variables, bearer);
        Assert.True(status == 200 && body["errors"] is null, $"HTTP {status}: {body.ToJsonString()}");
        return body["data"]!;
    }

    /// <summary>Status and body as sent, for comparing two hosts' answers byte for byte; variables: JSON text.</summary>
    public static async Task<string> AnswerAsync(this HttpClient client, string query, string variables)
    {
        using var content = new StringContent(
            $$"""{ "query": {{JsonSerializer.Serialize(query)}}, "variables": {{variables}} }""",
            System.Text.Encoding.UTF8, "application/json");
        using var response = await client.PostAsync(new Uri("/graphql", UriKind.Relative), content);
        return $"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}";
    }

    /// <summary>The extensions.code of the first error.</summary>
    public static string? ErrorCode(this JsonNode body) => body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>();
}
