using ClinicDirectory.Core.Store;

namespace ClinicDirectory.Store;

/// <summary>The store a configuration names (<see cref="StoreOptions"/>).</summary>
public static class StoreProviders
{
    public static IDirectoryStore Create(StoreOptions options)
    {
        if (string.Equals(options.Provider, "Sqlite", StringComparison.OrdinalIgnoreCase))
        {
            return string.IsNullOrWhiteSpace(options.ConnectionString)
                ? SqliteDirectoryStore.InDirectory(options.DataPath)
                : new SqliteDirectoryStore(options.ConnectionString);
        }
        if (string.Equals(options.Provider, "PostgreSQL", StringComparison.OrdinalIgnoreCase))
        {
            if (string.IsNullOrWhiteSpace(options.ConnectionString))
                throw new StoreConfigurationException("Storage:Provider PostgreSQL needs Storage:ConnectionString, e.g. \"Host=localhost;Database=clinicdirectory;Username=clinicdirectory;Password=...\".");
            try
            {
                return new PostgresDirectoryStore(options.ConnectionString);
            }
            catch (ArgumentException ex)
            {
                throw new StoreConfigurationException($"Storage:ConnectionString is not a PostgreSQL connection string: {ex.Message}", ex);
            }
        }
        throw new StoreConfigurationException($"Storage:Provider \"{options.Provider}\" is not a store this build has; use \"Sqlite\" or \"PostgreSQL\".");
    }
}

/// <summary>A store configuration the operator must fix.</summary>
public sealed class StoreConfigurationException(string message, Exception? inner = null) : Exception(message, inner);
