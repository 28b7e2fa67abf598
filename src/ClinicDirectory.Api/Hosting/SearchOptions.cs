namespace ClinicDirectory.Api.Hosting;

/// <summary>Which engine serves search (configuration section "Search").</summary>
public sealed class SearchOptions
{
    public const string Section = "Search";

    public string Engine { get; set; } = "Lucene";
}
