using System.Text.Json;
using ClinicDirectory.Api.Access;
using ClinicDirectory.Core.Access;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// GraphQL over HTTP: POST with a JSON body, GET with query-string parameters (queries only).
/// Malformed requests (bad JSON, no query) get HTTP 400; documents that cannot run (syntax, validation, limits,
/// cost) get 400 in application/graphql-response+json and 200 in application/json, as GraphQL over HTTP says.
/// </summary>
public static class GraphQLEndpoint
{
    public const int MaxBodyBytes = 100 * 1024;

    public static IEndpointRouteBuilder MapGraphQLEndpoint(this IEndpointRouteBuilder app)
    {
        // Browser calls from other origins: ASP.NET Core's CORS middleware with the partners' origins (preflight
        // included); each request is then held to its own key's origins below.
        // Every call goes through the API key scheme (a key that fails it is answered 401) and the rate limiter.
        app.MapPost("/graphql", PostAsync).RequireCors(PartnerCorsPolicyProvider.PolicyName)
            .RequireAuthorization(ApiKeyAuthenticationHandler.DirectoryCallerPolicy).RequireRateLimiting(DirectoryRateLimits.GraphQLPolicy);
        app.MapGet("/graphql", GetAsync).RequireCors(PartnerCorsPolicyProvider.PolicyName)
            .RequireAuthorization(ApiKeyAuthenticationHandler.DirectoryCallerPolicy).RequireRateLimiting(DirectoryRateLimits.GraphQLPolicy);
        // An admin registers the documents of a client's build in one request.
        app.MapPost("/admin/persisted-documents", RegisterManifestAsync)
            .RequireAuthorization(ApiKeyAuthenticationHandler.AdminPolicy).RequireRateLimiting(DirectoryRateLimits.GraphQLPolicy);
        app.MapGet("/graphql/schema.graphql", (ISchema schema) =>
            Results.Text(schema.Print(), "text/plain; charset=utf-8"));
        return app;
    }

    private static async Task PostAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        if (!await NegotiatedAsync(http)) return;
        if (!IsJsonContent(http.Request.ContentType))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE",
                "A GraphQL request is sent as JSON: Content-Type: application/json.");
            return;
        }
        if (http.Request.ContentLength > MaxBodyBytes)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"The request body is larger than {MaxBodyBytes / 1024} KiB.");
            return;
        }
        var body = await ReadLimitedAsync(http.Request.Body, http.RequestAborted);
        if (body is null)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"The request body is larger than {MaxBodyBytes / 1024} KiB.");
            return;
        }
        GraphQLRequest? request;
        try
        {
            request = serializer.Deserialize<GraphQLRequest>(body);
        }
        catch (Exception ex) when (IsMalformedJson(ex))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "The body must be JSON: { \"query\", \"variables\", \"operationName\" }.");
            return;
        }
        await ExecuteAsync(http, serializer, request, getRequest: false);
    }

    /// <summary>The most documents one manifest may register.</summary>
    public const int MaxManifestDocuments = 500;

    /// <summary>
    /// POST /admin/persisted-documents: Apollo's persisted query manifest (<c>{"format":"apollo-persisted-query-manifest",
    /// "operations":[{"id","name","body"}]}</c>) or graphql-codegen's <c>persisted-documents.json</c> (<c>{"&lt;hash&gt;":"&lt;text&gt;"}</c>).
    /// Each document's id here is the SHA-256 of its text; the answer lists them.
    /// </summary>
    private static async Task RegisterManifestAsync(HttpContext http)
    {
        if (!IsJsonContent(http.Request.ContentType))
        {
            await CodedError.WriteAsync(http, StatusCodes.Status415UnsupportedMediaType, "UNSUPPORTED_MEDIA_TYPE", "A manifest is sent as JSON: Content-Type: application/json.");
            return;
        }
        var body = await ReadLimitedAsync(http.Request.Body, http.RequestAborted, 4 * MaxBodyBytes);
        if (body is null)
        {
            await CodedError.WriteAsync(http, StatusCodes.Status413PayloadTooLarge, "PAYLOAD_TOO_LARGE", $"A manifest is at most {4 * MaxBodyBytes / 1024} KiB.");
            return;
        }
        var entries = ReadManifest(body);
        if (entries is null)
        {
            await CodedError.WriteAsync(http, StatusCodes.Status400BadRequest, "INVALID_MANIFEST",
                "The body must be Apollo's persisted query manifest ({\"operations\":[{\"id\",\"name\",\"body\"}]}) or a JSON object of document texts by hash.");
            return;
        }
        if (entries.Count is 0 or > MaxManifestDocuments)
        {
            await CodedError.WriteAsync(http, StatusCodes.Status400BadRequest, "INVALID_MANIFEST", $"A manifest holds 1 to {MaxManifestDocuments} documents.");
            return;
        }
        var outcome = await http.RequestServices.GetRequiredService<PersistedDocumentRegistration>()
            .RegisterManifestAsync(http.User.ToCaller()!, entries, http.RequestAborted);
        http.Response.StatusCode = outcome.Problems.Count > 0 ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        await http.Response.WriteAsJsonAsync(outcome.Problems.Count > 0
            ? new
            {
                errors = outcome.Problems.Take(CodedErrorsShown).Select(p => new { message = $"{p.Entry}: {p.Message}", extensions = new { code = "INVALID_DOCUMENT", entry = p.Entry } }),
            }
            : (object)new { documents = outcome.Documents }, http.RequestAborted);
    }

    private const int CodedErrorsShown = MaxErrors;

    /// <summary>The manifest's entries (entry name, text, operation name), or null when it is neither format.</summary>
    private static List<(string Entry, string Query, string? Name)>? ReadManifest(string body)
    {
        try
        {
            using var json = JsonDocument.Parse(body, new JsonDocumentOptions { MaxDepth = 8 });
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object) return null;
            var entries = new List<(string, string, string?)>();
            if (root.TryGetProperty("operations", out var operations))
            {
                if (operations.ValueKind != JsonValueKind.Array) return null;
                var i = 0;
                foreach (var operation in operations.EnumerateArray())
                {
                    if (operation.ValueKind != JsonValueKind.Object || !operation.TryGetProperty("body", out var text) || text.ValueKind != JsonValueKind.String) return null;
                    var name = operation.TryGetProperty("name", out var n) && n.ValueKind == JsonValueKind.String ? n.GetString() : null;
                    var id = operation.TryGetProperty("id", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
                    entries.Add((id ?? name ?? $"operations[{i}]", text.GetString()!, name));
                    i++;
                }
                return entries;
            }
            foreach (var property in root.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.String) return null;
                entries.Add((property.Name, property.Value.GetString()!, null));
            }
            return entries;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private static async Task GetAsync(HttpContext http, IGraphQLTextSerializer serializer)
    {
        if (!await NegotiatedAsync(http)) return;
        var query = http.Request.Query;
        Inputs? variables = null;
        if (query.TryGetValue("variables", out var vars) && !string.IsNullOrEmpty(vars))
        {
            try
            {
                variables = serializer.Deserialize<Inputs>(vars.ToString());
            }
            catch (Exception ex) when (IsMalformedJson(ex))
            {
                await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "variables must be a JSON object.");
                return;
            }
        }
        Inputs? extensions = null;
        if (query.TryGetValue("extensions", out var ext) && !string.IsNullOrEmpty(ext))
        {
            try
            {
                extensions = serializer.Deserialize<Inputs>(ext.ToString());
            }
            catch (Exception ex) when (IsMalformedJson(ex))
            {
                await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "extensions must be a JSON object.");
                return;
            }
        }
        var request = new GraphQLRequest
        {
            Query = query.TryGetValue("query", out var text) && !string.IsNullOrEmpty(text) ? text.ToString() : null,
            DocumentId = query.TryGetValue("documentId", out var id) && !string.IsNullOrEmpty(id) ? id.ToString() : null,
            OperationName = query.TryGetValue("operationName", out var op) && !string.IsNullOrEmpty(op) ? op.ToString() : null,
            Variables = variables,
            Extensions = extensions,
        };
        await ExecuteAsync(http, serializer, request, getRequest: true);
    }

    private static async Task ExecuteAsync(HttpContext http, IGraphQLTextSerializer serializer, GraphQLRequest? request, bool getRequest)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Query) && request.DocumentId is null && AutomaticHash(request) is null)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "A GraphQL query (or a documentId) is required.");
            return;
        }
        // Who is calling: the API key scheme ran before (a key that failed it was answered 401 by the endpoint's policy).
        var caller = http.User.ToCaller();
        var key = caller is null ? null : http.RequestServices.GetRequiredService<ApiKeyStore>().Get(caller.KeyId);
        if (!OriginAllowed(http, key))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status403Forbidden, "ORIGIN_NOT_ALLOWED", "Calls from this web origin need a partner key that lists it (allowedOrigins).");
            return;
        }
        var context = new RequestContext
        {
            Caller = caller,
            Key = key,
            CostPartition = caller?.KeyId ?? "ip:" + http.Connection.RemoteIpAddress,
            GetRequest = getRequest,
            Introspection = http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLOptions>>().Value.Introspection,
        };

        // Apollo's Automatic Persisted Queries: a hash alone runs the text sent with it before; text and hash register it.
        string? automaticId = null;
        if (AutomaticHash(request) is { } hash)
        {
            if (hash.Length != 64 || !hash.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f'))
            {
                await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), "PERSISTED_QUERY_INVALID", "extensions.persistedQuery.sha256Hash must be 64 lower-case hex digits.");
                return;
            }
            automaticId = PersistedDocumentStore.Prefix + hash;
            if (string.IsNullOrEmpty(request.Query))
            {
                var known = await http.RequestServices.GetRequiredService<PersistedQueries>().GetQueryAsync(new ExecutionOptions { UserContext = context }, "sha256", hash);
                if (known is null)
                {
                    // The message is what Apollo's clients look for before they send the text.
                    await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), "PERSISTED_QUERY_NOT_FOUND", "PersistedQueryNotFound");
                    return;
                }
                request.DocumentId = automaticId;
            }
            else if (PersistedDocumentStore.IdOf(request.Query) != automaticId)
            {
                await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), "PERSISTED_QUERY_HASH_MISMATCH", "extensions.persistedQuery.sha256Hash is not the SHA-256 of the query.");
                return;
            }
        }

        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.DocumentId is null ? request.Query : null,
            DocumentId = request.DocumentId,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            UserContext = context,
            CancellationToken = http.RequestAborted,
        });
        if (automaticId is not null && request.DocumentId is null && result.Executed)
            http.RequestServices.GetRequiredService<AutomaticPersistedQueries>().Add(automaticId, request.Query!);
        if (context.Cost is { } cost)
        {
            // What the query cost, so partners can budget: its cost, the per-request limit and what is left this minute.
            var budgets = http.RequestServices.GetRequiredService<CostBudgets>();
            result.Extensions ??= [];
            result.Extensions["cost"] = new Dictionary<string, object?>
            {
                ["requested"] = Math.Ceiling(cost),
                ["limit"] = Extensions.DirectoryServiceExtensions.MaxQueryCost,
                ["budgetPerMinute"] = budgets.PerMinute,
                ["remaining"] = budgets.Remaining(context.CostPartition),
            };
        }
        if (context.BudgetRetryAfter is { } retryAfter)
        {
            context.Status = StatusCodes.Status429TooManyRequests;
            context.RetryAfterSeconds = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds));
        }
        if (context.Status == StatusCodes.Status405MethodNotAllowed) http.Response.Headers.Allow = "POST";
        if (context.RetryAfterSeconds is { } seconds) http.Response.Headers.RetryAfter = seconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
        http.Response.StatusCode = context.Status ?? (result.Executed ? StatusCodes.Status200OK : DocumentErrorStatus(http));
        http.Response.ContentType = CodedError.ResponseContentType(http);
        await CodedError.WriteResultAsync(http, Bounded(result));
    }

    /// <summary>The hash of Apollo's <c>extensions.persistedQuery</c>, when the request carries one.</summary>
    private static string? AutomaticHash(GraphQLRequest request) =>
        request.Extensions?.TryGetValue("persistedQuery", out var value) == true && value is IDictionary<string, object?> persisted
            ? (persisted.TryGetValue("sha256Hash", out var hash) ? hash as string : null) ?? ""
            : null;

    /// <summary>Errors in an answer are capped in number and length: a document can make many, none may make the answer huge.</summary>
    public const int MaxErrors = 20;

    private const int MaxErrorLength = 1_000;

    private static ExecutionResult Bounded(ExecutionResult result)
    {
        if (result.Errors is not { Count: > 0 } errors) return result;
        if (errors.Count <= MaxErrors && errors.All(e => e.Message.Length <= MaxErrorLength)) return result;
        var kept = new ExecutionErrors();
        foreach (var error in errors.Take(MaxErrors))
        {
            if (error.Message.Length <= MaxErrorLength)
            {
                kept.Add(error);
                continue;
            }
            var shortened = new ExecutionError(DocumentGate.Truncate(error.Message, MaxErrorLength)) { Code = error.Code };
            if (error.Locations is { } locations) foreach (var l in locations.Take(3)) shortened.AddLocation(l);
            kept.Add(shortened);
        }
        if (errors.Count > MaxErrors) kept.Add(new ExecutionError($"{errors.Count - MaxErrors} more errors are not shown.") { Code = "TOO_MANY_ERRORS" });
        result.Errors = kept;
        return result;
    }

    /// <summary>What the JSON serializer throws for a body or variables that are not the expected JSON.</summary>
    private static bool IsMalformedJson(Exception ex) =>
        ex is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException;

    /// <summary>The body as text, or null when it is larger than the limit (chunked bodies carry no length).</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken, int maxBytes = MaxBodyBytes)
    {
        // Pooled buffers: a request's body is read without a fresh buffer per request.
        var buffer = CodedError.Buffers.Get();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > maxBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            // Decoded straight from the read buffer: no copy of the bytes first.
            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            CodedError.Buffers.Return(buffer);
        }
    }

    /// <summary>
    /// A browser's call (it sends Origin) from this service's own pages (the patient page, the explorer), or with a
    /// PARTNER key that lists its origin; a key that lists origins is used from those (and this service's pages)
    /// only. Calls without Origin (servers, tools) are not browser calls.
    /// </summary>
    private static bool OriginAllowed(HttpContext http, ClinicDirectory.Core.Access.ApiKey? key)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        if (string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)) return true;
        if (key is { AllowedOrigins.Count: > 0 }) return key.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
        return http.RequestServices.GetRequiredService<PartnerCorsPolicyProvider>().IsPageOrigin(origin);
    }

    /// <summary>
    /// GraphQL over HTTP's media types: <c>application/graphql-response+json</c> when the client accepts it (its
    /// status codes say whether the request could run), else <c>application/json</c> (200 for every well-formed
    /// request, its errors in the body). An Accept header that allows neither gets 406.
    /// </summary>
    private static async Task<bool> NegotiatedAsync(HttpContext http)
    {
        var accept = http.Request.GetTypedHeaders().Accept;
        if (accept.Count == 0)
        {
            http.Items[CodedError.GraphQLResponseJson] = false;
            return true;
        }
        foreach (var type in accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var media = type.MediaType.Value;
            if (string.Equals(media, CodedError.GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                http.Items[CodedError.GraphQLResponseJson] = true;
                return true;
            }
            if (media is not null && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media is "*/*" || media.Equals("application/*", StringComparison.OrdinalIgnoreCase)))
            {
                http.Items[CodedError.GraphQLResponseJson] = false;
                return true;
            }
        }
        http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
        http.Response.ContentType = "text/plain; charset=utf-8";
        http.Response.ContentLength = NotAcceptable.Length;
        await http.Response.Body.WriteAsync(NotAcceptable);
        return false;
    }

    private static readonly byte[] NotAcceptable = System.Text.Encoding.UTF8.GetBytes(
        "NOT_ACCEPTABLE: answers are application/graphql-response+json or application/json.\n");

    /// <summary>A document that cannot run (syntax, validation, variables, limits): 400 in the GraphQL media type, 200 in plain JSON.</summary>
    private static int DocumentErrorStatus(HttpContext http) =>
        CodedError.WantsGraphQLResponse(http) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    /// <summary>application/json, with no charset or UTF-8.</summary>
    private static bool IsJsonContent(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    internal static Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string code, string message) =>
        CodedError.WriteAsync(http, status, code, message);
}
