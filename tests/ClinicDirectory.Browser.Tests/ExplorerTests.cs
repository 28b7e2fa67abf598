using System.Net.Http.Json;
using System.Text.Json.Nodes;
using Microsoft.Playwright;

namespace ClinicDirectory.Browser.Tests;

/// <summary>The GraphQL explorer at /graphiql, used as a partner would, in real Chromium against the real service.</summary>
public sealed class ExplorerTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public ExplorerTests(BrowserFixture browser) => _browser = browser;

    private static async Task RunAsync(IPage page)
    {
        await page.Locator(".graphiql-execute-button").ClickAsync();
    }

    private static ILocator Response(IPage page) => page.Locator(".graphiql-response");

    [Fact]
    public async Task The_explorer_loads_the_schema_and_runs_an_example_search_with_its_cost()
    {
        // Tall, so the response editor renders every line of the answer (Monaco draws only the lines in view).
        var (page, errors) = await _browser.NewPageAsync(1400, 6000);
        var response = await page.GotoAsync("/graphiql");
        Assert.Equal(200, response!.Status);
        await Assertions.Expect(page.Locator(".graphiql-query-editor .monaco-editor")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        // The schema came from introspection: the documentation explorer lists the root query type's fields.
        await page.Locator("[aria-label='Show Documentation Explorer']").ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("Query", new() { Timeout = 30_000 });
        await page.Locator(".graphiql-doc-explorer a", new() { HasText = "Query" }).First.ClickAsync();
        await Assertions.Expect(page.Locator(".graphiql-doc-explorer")).ToContainTextAsync("searchClinics");

        await RunAsync(page);
        await Assertions.Expect(Response(page)).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        var text = await Response(page).InnerTextAsync();
        Assert.Contains("\"cost\"", text, StringComparison.Ordinal);
        Assert.Contains("\"requested\"", text, StringComparison.Ordinal);
        Assert.Contains("Okotoks", text, StringComparison.Ordinal);
        Assert.DoesNotContain("\"errors\"", text, StringComparison.Ordinal);
        Assert.True(errors.Count == 0, string.Join("\n", errors));
    }

    [Fact]
    public async Task The_explorer_works_with_a_partner_key_in_its_headers()
    {
        using var create = await _browser.Service.Client.SendAsync(new HttpRequestMessage(HttpMethod.Post, new Uri("/graphql", UriKind.Relative))
        {
            Content = JsonContent.Create(new { query = "mutation { createApiKey(role: PARTNER, label: \"explorer\", allowedOrigins: [\"https://partner.example\"]) { secret } }" }),
            Headers = { Authorization = new("Bearer", ServiceProcess.AdminKey) },
        });
        var secret = JsonNode.Parse(await create.Content.ReadAsStringAsync())!["data"]!["createApiKey"]!["secret"]!.GetValue<string>();

        var (page, errors) = await _browser.NewPageAsync(1400, 900);
        await page.GotoAsync("/graphiql");
        await Assertions.Expect(page.Locator(".graphiql-query-editor .monaco-editor")).ToBeVisibleAsync(new() { Timeout = 30_000 });

        async Task SetHeadersAsync(string json)
        {
            await page.Locator(".graphiql-editor-tools button", new() { HasText = "Headers" }).ClickAsync();
            var editor = page.Locator(".graphiql-editor-tool .monaco-editor").Last;
            await editor.ClickAsync();
            await page.Keyboard.PressAsync("Control+A");
            await page.Keyboard.PressAsync("Delete");
            await page.Keyboard.InsertTextAsync(json);
        }

        // A key the service does not know: the header is sent, and refused.
        await SetHeadersAsync("{ \"Authorization\": \"Bearer cdk_not-a-key\" }");
        await RunAsync(page);
        await Assertions.Expect(Response(page)).ToContainTextAsync("UNAUTHENTICATED", new() { Timeout = 30_000 });

        await SetHeadersAsync($"{{ \"Authorization\": \"Bearer {secret}\" }}");
        await RunAsync(page);
        await Assertions.Expect(Response(page)).ToContainTextAsync("totalCount", new() { Timeout = 30_000 });
        Assert.DoesNotContain("\"errors\"", await Response(page).InnerTextAsync(), StringComparison.Ordinal);
        Assert.True(errors.All(e => e.Contains("401", StringComparison.Ordinal)), string.Join("\n", errors));
    }
}
