namespace ClinicDirectory.Api.Hosting;

/// <summary>Where the embedded engine keeps its data (configuration section "Storage").</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string DataPath { get; set; } = "data";
}
