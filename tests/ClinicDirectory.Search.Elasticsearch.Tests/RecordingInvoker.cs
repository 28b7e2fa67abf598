using System.Text;
using Elastic.Transport;

namespace ClinicDirectory.Search.Elasticsearch.Tests;

/// <summary>A request the client sent: method, path with query, body, and its Authorization header ("ApiKey abc").</summary>
public sealed record SentRequest(string Method, string Path, string Body, string? Authorization = null)
{
    /// <summary>The body's lines (a bulk request is newline-delimited JSON).</summary>
    public IReadOnlyList<string> Lines => Body.Split('\n', StringSplitOptions.RemoveEmptyEntries);
}

/// <summary>A canned answer: status and JSON body.</summary>
public sealed record CannedResponse(int Status, string Body);

/// <summary>
/// The client's connection replaced by Elastic.Transport's <see cref="InMemoryRequestInvoker"/>: every request is
/// recorded, and answered with the body the route function gives for it (as Elasticsearch would, with its product
/// header), so tests see exactly what the engine sends and how it reads what the reference says comes back.
/// </summary>
public sealed class RecordingInvoker(Func<SentRequest, CannedResponse> route) : IRequestInvoker
{
    private static readonly Dictionary<string, IEnumerable<string>> ProductHeader = new() { ["x-elastic-product"] = ["Elasticsearch"] };

    private readonly InMemoryRequestInvoker _inner = new(null, 200, null, "application/json", ProductHeader);

    public List<SentRequest> Sent { get; } = [];

    public void Dispose() => ((IDisposable)_inner).Dispose();

    public ResponseFactory ResponseFactory => _inner.ResponseFactory;

    public async Task<TResponse> RequestAsync<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData, CancellationToken cancellationToken)
        where TResponse : TransportResponse, new()
    {
        var sent = Record(endpoint, boundConfiguration, postData);
        var answer = route(sent);
        return await _inner.BuildResponseAsync<TResponse>(endpoint, boundConfiguration, postData, cancellationToken, Encoding.UTF8.GetBytes(answer.Body), answer.Status, "application/json");
    }

    public TResponse Request<TResponse>(Endpoint endpoint, BoundConfiguration boundConfiguration, PostData? postData)
        where TResponse : TransportResponse, new()
    {
        var sent = Record(endpoint, boundConfiguration, postData);
        var answer = route(sent);
        return _inner.BuildResponse<TResponse>(endpoint, boundConfiguration, postData, Encoding.UTF8.GetBytes(answer.Body), answer.Status, "application/json");
    }

    private SentRequest Record(Endpoint endpoint, BoundConfiguration configuration, PostData? postData)
    {
        var body = "";
        if (postData is not null)
        {
            using var stream = new MemoryStream();
            postData.Write(stream, configuration.ConnectionSettings, disableDirectStreaming: true);
            body = Encoding.UTF8.GetString(stream.ToArray());
        }
        var header = configuration.AuthenticationHeader is { } auth && auth.TryGetAuthorizationParameters(out var parameters)
            ? auth.AuthScheme + " " + parameters
            : null;
        var sent = new SentRequest(endpoint.Method.ToString(), "/" + endpoint.PathAndQuery.TrimStart('/'), body, header);
        lock (Sent) Sent.Add(sent);
        return sent;
    }
}
