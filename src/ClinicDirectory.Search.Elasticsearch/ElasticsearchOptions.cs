namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>Where the cluster is and how to reach it (configuration section "Elasticsearch").</summary>
public sealed class ElasticsearchOptions
{
    public const string Section = "Elasticsearch";

    /// <summary>One node's URL, or several separated by commas or spaces (requests are spread over them).</summary>
    public string Url { get; set; } = "http://localhost:9200";

    /// <summary>Starts every index and alias name, so several directories can share a cluster.</summary>
    public string IndexPrefix { get; set; } = "clinicdirectory";

    /// <summary>An encoded API key (the "encoded" value Elasticsearch returns when it creates one).</summary>
    public string? ApiKey { get; set; }

    public string? Username { get; set; }

    public string? Password { get; set; }

    /// <summary>The cluster's HTTP CA certificate (PEM or DER file), for a cluster whose certificate no system root signs.</summary>
    public string? CaCertificatePath { get; set; }

    /// <summary>The SHA-256 fingerprint of the cluster's CA certificate (hex, colons allowed), instead of the file.</summary>
    public string? CertificateFingerprint { get; set; }

    /// <summary>Replicas of each index: 0 on a single node, 1 or more on a cluster.</summary>
    public int Replicas { get; set; }

    /// <summary>How long one request may take before the node counts as failed.</summary>
    public TimeSpan RequestTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>Documents per bulk request.</summary>
    public int BulkSize { get; set; } = 1_000;

    public IReadOnlyList<Uri> Nodes() =>
    [
        .. Url.Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(u => Uri.TryCreate(u, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https"
                ? uri
                : throw new ArgumentException($"Elasticsearch:Url \"{u}\" is not an http or https URL.")),
    ];
}
