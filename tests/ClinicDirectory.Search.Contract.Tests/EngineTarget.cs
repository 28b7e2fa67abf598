using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using ClinicDirectory.Search.Elasticsearch;
using ClinicDirectory.Search.Lucene;
using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;

namespace ClinicDirectory.Search.Contract.Tests;

/// <summary>An engine the contract suite runs on: how to open it over a test's own index, and why it cannot run here.</summary>
public abstract class EngineTarget
{
    /// <summary>Why the suite cannot run on this engine here, or null.</summary>
    public virtual string? SkipReason => null;

    /// <summary>Opens the engine over the index named by <paramref name="name"/> (a folder, or an index prefix).</summary>
    public abstract IDirectoryEngine Open(string name, DirectoryTaxonomy taxonomy, TimeProvider time);

    /// <summary>Removes what <see cref="Open"/> made.</summary>
    public abstract void Delete(string name);
}

/// <summary>The embedded engine, on a temporary folder.</summary>
public sealed class LuceneTarget : EngineTarget
{
    public override IDirectoryEngine Open(string name, DirectoryTaxonomy taxonomy, TimeProvider time) =>
        new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = name }, taxonomy, time);

    public override void Delete(string name)
    {
        try { Directory.Delete(name, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}

/// <summary>
/// A live Elasticsearch cluster: the one <c>ELASTICSEARCH_URL</c> names (with <c>ELASTICSEARCH_API_KEY</c>, or
/// <c>ELASTICSEARCH_USERNAME</c> and <c>ELASTICSEARCH_PASSWORD</c>), else a throwaway single node of the official image
/// in Docker through Testcontainers' generic container when a Docker engine is available. Each fixture has its own index
/// prefix and removes its indices afterwards.
/// </summary>
public sealed class ElasticsearchTarget : EngineTarget
{
    public const string Image = "docker.elastic.co/elasticsearch/elasticsearch:9.1.0";

    private static readonly string? ConfiguredUrl = Environment.GetEnvironmentVariable("ELASTICSEARCH_URL");

    private static readonly bool DockerAvailable =
        !string.IsNullOrEmpty(Environment.GetEnvironmentVariable("DOCKER_HOST")) || File.Exists("/var/run/docker.sock");

    private static readonly Lazy<string> Url = new(StartCluster);

    private static IContainer? _container;

    public override string? SkipReason => ConfiguredUrl is { Length: > 0 } || DockerAvailable
        ? null
        : "No Elasticsearch cluster: set ELASTICSEARCH_URL, or run where a Docker engine is available (Testcontainers starts " + Image + ").";

    private static string StartCluster()
    {
        if (ConfiguredUrl is { Length: > 0 } url) return url;
        _container = new ContainerBuilder(Image)
            .WithEnvironment("discovery.type", "single-node")
            .WithEnvironment("xpack.security.enabled", "false")
            .WithEnvironment("ES_JAVA_OPTS", "-Xms1g -Xmx1g")
            .WithPortBinding(9200, assignRandomHostPort: true)
            .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(9200).ForPath("/_cluster/health?wait_for_status=yellow")))
            .Build();
        _container.StartAsync().GetAwaiter().GetResult();
        return $"http://{_container.Hostname}:{_container.GetMappedPublicPort(9200)}";
    }

    private static ElasticsearchOptions Options(string name) => new()
    {
        Url = Url.Value,
        IndexPrefix = name,
        ApiKey = Environment.GetEnvironmentVariable("ELASTICSEARCH_API_KEY"),
        Username = Environment.GetEnvironmentVariable("ELASTICSEARCH_USERNAME"),
        Password = Environment.GetEnvironmentVariable("ELASTICSEARCH_PASSWORD"),
        CertificateFingerprint = Environment.GetEnvironmentVariable("ELASTICSEARCH_FINGERPRINT"),
    };

    public override IDirectoryEngine Open(string name, DirectoryTaxonomy taxonomy, TimeProvider time) =>
        new ElasticsearchDirectoryEngine(Options(IndexName(name)), taxonomy, time);

    public override void Delete(string name)
    {
        var client = ElasticsearchClients.Create(Options(IndexName(name)));
        client.Indices.DeleteAsync(new Elastic.Clients.Elasticsearch.IndexManagement.DeleteIndexRequest(IndexName(name) + "-*")).GetAwaiter().GetResult();
    }

    /// <summary>Index names are lower case and short: the last part of the test's folder name.</summary>
    private static string IndexName(string name) => "contract-" + Path.GetFileName(name).ToLowerInvariant();
}
