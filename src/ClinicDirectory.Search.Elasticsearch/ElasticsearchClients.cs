using System.Security.Cryptography.X509Certificates;
using Elastic.Clients.Elasticsearch;
using Elastic.Transport;

namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>The official client configured from <see cref="ElasticsearchOptions"/>: nodes, credentials and TLS.</summary>
public static class ElasticsearchClients
{
    /// <summary>
    /// A client for the configured cluster. <paramref name="invoker"/> replaces the HTTP connection (tests hand in
    /// Elastic.Transport's in-memory invoker to see the requests without a cluster).
    /// </summary>
    public static ElasticsearchClient Create(ElasticsearchOptions options, IRequestInvoker? invoker = null)
    {
        var nodes = options.Nodes();
        if (nodes.Count == 0) throw new ArgumentException("Elasticsearch:Url names no node.");
        NodePool pool = nodes.Count == 1 ? new SingleNodePool(nodes[0]) : new StaticNodePool(nodes);
        var settings = invoker is null ? new ElasticsearchClientSettings(pool) : new ElasticsearchClientSettings(pool, invoker);
        settings.RequestTimeout(options.RequestTimeout);
        // Request and response bodies kept for error messages and the request-shape tests.
        settings.DisableDirectStreaming();
        if (!string.IsNullOrWhiteSpace(options.ApiKey))
            settings.Authentication(new ApiKey(options.ApiKey));
        else if (!string.IsNullOrEmpty(options.Username))
            settings.Authentication(new BasicAuthentication(options.Username, options.Password ?? ""));
        if (!string.IsNullOrWhiteSpace(options.CertificateFingerprint))
            settings.CertificateFingerprint(options.CertificateFingerprint);
        else if (!string.IsNullOrWhiteSpace(options.CaCertificatePath))
        {
            var ca = X509CertificateLoader.LoadCertificateFromFile(options.CaCertificatePath);
            settings.ServerCertificateValidationCallback(CertificateValidations.AuthorityIsRoot(ca));
        }
        return new ElasticsearchClient(settings);
    }
}
