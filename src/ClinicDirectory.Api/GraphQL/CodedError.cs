using GraphQL;
using Microsoft.Extensions.ObjectPool;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// Answers in GraphQL's shape (<c>{"errors":[{"message","extensions":{"code"}}]}</c>) for everything that refuses
/// a request, from the endpoint and from the framework's authentication and rate-limiting middleware alike, in the
/// media type the client asked for.
/// </summary>
public static class CodedError
{
    public const string GraphQLResponseJson = "application/graphql-response+json";

    public static Task WriteAsync(HttpContext http, int status, string code, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = ResponseContentType(http);
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return WriteResultAsync(http, result);
    }

    /// <summary>
    /// The result as one body with its length: written to the response in one piece, so the headers and the
    /// body leave in one send instead of a chunked body and its closing chunk in another.
    /// </summary>
    public static async Task WriteResultAsync(HttpContext http, ExecutionResult result)
    {
        var serializer = http.RequestServices.GetRequiredService<IGraphQLTextSerializer>();
        var buffer = Buffers.Get();
        try
        {
            await serializer.WriteAsync(buffer, result, http.RequestAborted);
            http.Response.ContentLength = buffer.Length;
            await http.Response.Body.WriteAsync(buffer.GetBuffer().AsMemory(0, (int)buffer.Length), http.RequestAborted);
        }
        finally
        {
            Buffers.Return(buffer);
        }
    }

    /// <summary>Request bodies are read and responses built in these; buffers that grew past 256 KiB are not kept.</summary>
    internal static readonly ObjectPool<MemoryStream> Buffers =
        new DefaultObjectPool<MemoryStream>(new BufferPolicy(), maximumRetained: 64);

    private sealed class BufferPolicy : PooledObjectPolicy<MemoryStream>
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
    /// Whether the answer is <c>application/graphql-response+json</c>: as negotiated by the endpoint, or, for answers
    /// written before it (authentication, rate limits), when the Accept header names that type.
    /// </summary>
    public static bool WantsGraphQLResponse(HttpContext http)
    {
        if (http.Items.TryGetValue(GraphQLResponseJson, out var negotiated)) return negotiated is true;
        foreach (var accept in http.Request.Headers.Accept)
        {
            if (accept is not null && accept.Contains(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase)) return true;
        }
        return false;
    }

    public static string ResponseContentType(HttpContext http) =>
        WantsGraphQLResponse(http) ? GraphQLResponseJson + "; charset=utf-8" : "application/json; charset=utf-8";
}
