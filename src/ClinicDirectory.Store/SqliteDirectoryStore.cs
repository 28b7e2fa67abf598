using System.Data.Common;
using Microsoft.Data.Sqlite;

namespace ClinicDirectory.Store;

/// <summary>
/// The embedded store: one SQLite file, in WAL mode (readers never wait for the writer) with synchronous writes
/// (a committed transaction is on disk before the commit returns). Writers take SQLite's own write lock
/// (<c>BEGIN IMMEDIATE</c>).
/// </summary>
public sealed class SqliteDirectoryStore : SqlDirectoryStore
{
    /// <summary>The store's file under the data directory.</summary>
    public const string FileName = "directory.db";

    private readonly string _connectionString;

    public SqliteDirectoryStore(string connectionString)
    {
        _connectionString = new SqliteConnectionStringBuilder(connectionString) { Pooling = true, DefaultTimeout = 30 }.ToString();
    }

    /// <summary>The store in <see cref="FileName"/> under a data directory.</summary>
    public static SqliteDirectoryStore InDirectory(string dataPath)
    {
        Directory.CreateDirectory(dataPath);
        return new SqliteDirectoryStore(new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataPath, FileName) }.ToString());
    }

    public override string Provider => "Sqlite";

    protected override IReadOnlyList<string> Migrations { get; } = [SchemaV1("TEXT", "INTEGER")];

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken);
        using var pragmas = connection.CreateCommand();
        // WAL is kept in the file once set; synchronous is per connection.
        pragmas.CommandText = "PRAGMA journal_mode = WAL; PRAGMA synchronous = FULL;";
        await pragmas.ExecuteNonQueryAsync(cancellationToken);
        return connection;
    }

    protected override Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken) =>
        Task.FromResult<DbTransaction>(((SqliteConnection)connection).BeginTransaction(deferred: false));
}
