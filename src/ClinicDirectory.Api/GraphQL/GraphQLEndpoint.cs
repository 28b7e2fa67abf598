using System.Text.Json;
using ClinicDirectory.Api.Access;
using GraphQL;
using GraphQL.Transport;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.Extensions.ObjectPool;

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
        app.MapPost("/graphql", PostAsync).RequireCors(PartnerCorsPolicyProvider.PolicyName);
        app.MapGet("/graphql", GetAsync).RequireCors(PartnerCorsPolicyProvider.PolicyName);
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
        var request = new GraphQLRequest
        {
            Query = query["query"].ToString(),
            OperationName = query.TryGetValue("operationName", out var op) && !string.IsNullOrEmpty(op) ? op.ToString() : null,
            Variables = variables,
        };
        await ExecuteAsync(http, serializer, request, getRequest: true);
    }

    private static async Task ExecuteAsync(HttpContext http, IGraphQLTextSerializer serializer, GraphQLRequest? request, bool getRequest)
    {
        if (request is null || string.IsNullOrWhiteSpace(request.Query))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status400BadRequest, "INVALID_REQUEST", "A GraphQL query is required.");
            return;
        }
        // Who is calling: an unknown or revoked key is refused before anything runs.
        var (ok, caller, key) = http.RequestServices.GetRequiredService<Authenticator>().Authenticate(http.Request.Headers.Authorization);
        if (!ok)
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status401Unauthorized, "UNAUTHENTICATED", "The API key is unknown or revoked.");
            return;
        }
        if (!OriginAllowed(http, key))
        {
            await WriteErrorAsync(http, serializer, StatusCodes.Status403Forbidden, "ORIGIN_NOT_ALLOWED", "Calls from this web origin need a partner key that lists it (allowedOrigins).");
            return;
        }

        // Parsed here (or taken from the validated documents), to tell mutations apart for their own rate
        // limit, and handed to the executer.
        var validated = http.RequestServices.GetRequiredService<ValidatedDocuments>();
        var document = validated.Get(request.Query);
        var cached = document is not null;
        if (document is null)
        {
            try
            {
                document = Parser.Parse(request.Query, new ParserOptions { MaxDepth = MaxParseDepth });
            }
            catch (GraphQLMaxDepthExceededException)
            {
                await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), "QUERY_TOO_DEEP", $"The query nests more than {MaxParseDepth} levels of syntax.");
                return;
            }
            catch (GraphQLParserException ex)
            {
                await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), "SYNTAX_ERROR", $"The query is not valid GraphQL: {ex.Description} (line {ex.Location.Line}, column {ex.Location.Column}).");
                return;
            }
            // Before any validation rule: what the query asks of the directory (fields, aliases, depth).
            if (DocumentLimits.Check(document, request.OperationName) is { } refusal)
            {
                await WriteErrorAsync(http, serializer, DocumentErrorStatus(http), refusal.Code, refusal.Message);
                return;
            }
        }
        var mutation = document?.Definitions.OfType<GraphQLOperationDefinition>()
            .Any(o => o.Operation == OperationType.Mutation && (request.OperationName is null || o.Name?.StringValue == request.OperationName)) ?? false;
        if (mutation && getRequest)
        {
            // GraphQL over HTTP: a mutation is never run for a GET (which caches and prefetches may send on their own).
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, serializer, StatusCodes.Status405MethodNotAllowed, "METHOD_NOT_ALLOWED", "Mutations are sent with POST.");
            return;
        }
        var wait = http.RequestServices.GetRequiredService<RequestLimiter>().TryAcquire(http.Connection.RemoteIpAddress?.ToString(), caller, key, mutation);
        if (wait is not null)
        {
            http.Response.Headers.RetryAfter = wait.Value.ToString(System.Globalization.CultureInfo.InvariantCulture);
            await WriteErrorAsync(http, serializer, StatusCodes.Status429TooManyRequests, "RATE_LIMITED", $"Too many requests; retry after {wait} s.");
            return;
        }

        var context = new RequestContext { Caller = caller, CostPartition = key?.Id ?? "ip:" + http.Connection.RemoteIpAddress };
        var executer = http.RequestServices.GetRequiredService<IDocumentExecuter<ISchema>>();
        var result = await executer.ExecuteAsync(new ExecutionOptions
        {
            Query = request.Query,
            Document = document,
            Variables = request.Variables,
            OperationName = request.OperationName,
            Extensions = request.Extensions,
            RequestServices = http.RequestServices,
            User = http.User,
            UserContext = context,
            CancellationToken = http.RequestAborted,
            // A validated document skips the rules that depend on the document alone. The cost of the query,
            // which depends on the variables too, is checked on every request by DirectoryDocumentValidator.
            ValidationRules = cached
                ? (getRequest ? [QueriesOnlyRule.Instance] : [])
                : FullRules(getRequest, http.RequestServices.GetRequiredService<Microsoft.Extensions.Options.IOptions<GraphQLOptions>>().Value.Introspection),
        });
        if (!cached && result.Executed && document is not null) validated.Add(request.Query, document);
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
            http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            http.Response.StatusCode = StatusCodes.Status429TooManyRequests;
            http.Response.ContentType = ResponseContentType(http);
            await WriteResultAsync(http, serializer, result);
            return;
        }
        http.Response.StatusCode = result.Executed ? StatusCodes.Status200OK : DocumentErrorStatus(http);
        http.Response.ContentType = ResponseContentType(http);
        await WriteResultAsync(http, serializer, result);
    }

    /// <summary>The rules of a document not yet validated: the library's, queries only over GET, and no introspection when it is turned off.</summary>
    private static IEnumerable<IValidationRule>? FullRules(bool getRequest, bool introspection)
    {
        if (!getRequest && introspection) return null;
        IEnumerable<IValidationRule> rules = DocumentValidator.CoreRules;
        if (getRequest) rules = rules.Append(QueriesOnlyRule.Instance);
        if (!introspection) rules = rules.Append(global::GraphQL.Validation.Rules.Custom.NoIntrospectionValidationRule.Instance);
        return rules;
    }

    /// <summary>Request bodies are read and responses built in these; buffers that grew past 256 KiB are not kept.</summary>
    private static readonly ObjectPool<MemoryStream> BodyBuffers =
        new DefaultObjectPool<MemoryStream>(new BodyBufferPolicy(), maximumRetained: 64);

    private sealed class BodyBufferPolicy : PooledObjectPolicy<MemoryStream>
    {
        public override MemoryStream Create() => new(16 * 1024);

        public override bool Return(MemoryStream obj)
        {
            if (obj.Capacity > 256 * 1024) return false;
            obj.SetLength(0);
            return true;
        }
    }

    /// <summary>
    /// The result as one body with its length: written to the response in one piece, so the headers and the
    /// body leave in one send instead of a chunked body and its closing chunk in another.
    /// </summary>
    private static async Task WriteResultAsync(HttpContext http, IGraphQLTextSerializer serializer, ExecutionResult result)
    {
        var buffer = BodyBuffers.Get();
        try
        {
            await serializer.WriteAsync(buffer, result, http.RequestAborted);
            http.Response.ContentLength = buffer.Length;
            await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
        }
        finally
        {
            BodyBuffers.Return(buffer);
        }
    }

    /// <summary>What the JSON serializer throws for a body or variables that are not the expected JSON.</summary>
    private static bool IsMalformedJson(Exception ex) =>
        ex is JsonException or InvalidOperationException or NotSupportedException or FormatException or ArgumentException;

    /// <summary>The body as text, or null when it is larger than the limit (chunked bodies carry no length).</summary>
    private static async Task<string?> ReadLimitedAsync(Stream body, CancellationToken cancellationToken)
    {
        // Pooled buffers: a request's body is read without a fresh buffer per request.
        var buffer = BodyBuffers.Get();
        var chunk = System.Buffers.ArrayPool<byte>.Shared.Rent(16 * 1024);
        try
        {
            int read;
            while ((read = await body.ReadAsync(chunk, cancellationToken)) > 0)
            {
                if (buffer.Length + read > MaxBodyBytes) return null;
                buffer.Write(chunk, 0, read);
            }
            // Decoded straight from the read buffer: no copy of the bytes first.
            return System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        }
        finally
        {
            System.Buffers.ArrayPool<byte>.Shared.Return(chunk);
            BodyBuffers.Return(buffer);
        }
    }

    /// <summary>
    /// A browser's call (it sends Origin) from the page's own origin, or with a PARTNER key that lists its origin; a
    /// key that lists origins is used from those only. Calls without Origin (servers, tools) are not browser calls.
    /// </summary>
    private static bool OriginAllowed(HttpContext http, ClinicDirectory.Core.Access.ApiKey? key)
    {
        var origin = http.Request.Headers.Origin.ToString();
        if (origin.Length == 0) return true;
        if (key is { AllowedOrigins.Count: > 0 }) return key.AllowedOrigins.Contains(origin, StringComparer.OrdinalIgnoreCase);
        var own = $"{http.Request.Scheme}://{http.Request.Host}";
        return string.Equals(origin, own, StringComparison.OrdinalIgnoreCase)
            || http.RequestServices.GetRequiredService<PartnerCorsPolicyProvider>().IsPageOrigin(origin);
    }

    /// <summary>Syntax deeper than this is refused by the parser itself, before the document is built.</summary>
    public const int MaxParseDepth = 48;

    private const string GraphQLResponseJson = "application/graphql-response+json";

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
            http.Items[GraphQLResponseJson] = false;
            return true;
        }
        foreach (var type in accept.Where(a => a.Quality is null or > 0).OrderByDescending(a => a.Quality ?? 1))
        {
            var media = type.MediaType.Value;
            if (string.Equals(media, GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                http.Items[GraphQLResponseJson] = true;
                return true;
            }
            if (media is not null && (media.Equals("application/json", StringComparison.OrdinalIgnoreCase) || media is "*/*" || media.Equals("application/*", StringComparison.OrdinalIgnoreCase)))
            {
                http.Items[GraphQLResponseJson] = false;
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

    private static bool WantsGraphQLResponse(HttpContext http) => http.Items.TryGetValue(GraphQLResponseJson, out var v) && v is true;

    private static string ResponseContentType(HttpContext http) =>
        WantsGraphQLResponse(http) ? GraphQLResponseJson + "; charset=utf-8" : "application/json; charset=utf-8";

    /// <summary>A document that cannot run (syntax, validation, variables, limits): 400 in the GraphQL media type, 200 in plain JSON.</summary>
    private static int DocumentErrorStatus(HttpContext http) =>
        WantsGraphQLResponse(http) ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;

    /// <summary>application/json, with no charset or UTF-8.</summary>
    private static bool IsJsonContent(string? contentType) =>
        Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(contentType, out var parsed)
        && parsed.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
        && (parsed.Charset.Length == 0 || parsed.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase));

    internal static async Task WriteErrorAsync(HttpContext http, IGraphQLTextSerializer serializer, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseContentType(http);
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        await WriteResultAsync(http, serializer, result);
    }
}
