namespace ClinicDirectory.Core.Store;

/// <summary>Where the store of record lives (configuration section "Storage").</summary>
public sealed class StoreOptions
{
    public const string Section = "Storage";

    /// <summary>The data directory: the SQLite file, the embedded index, the process lock.</summary>
    public string DataPath { get; set; } = "data";

    /// <summary><c>Sqlite</c> (default: one file under the data directory) or <c>PostgreSQL</c>.</summary>
    public string Provider { get; set; } = "Sqlite";

    /// <summary>For PostgreSQL, an Npgsql connection string; for SQLite, optional (default: directory.db under the data directory).</summary>
    public string? ConnectionString { get; set; }
}
