using System.Data.Common;
using ClinicDirectory.Core.Domain;
using Dapper;
using Npgsql;
using NpgsqlTypes;

namespace ClinicDirectory.Store;

/// <summary>
/// The store on PostgreSQL, shared by every service process of a deployment. A write holds a transaction-level
/// advisory lock, so writes from all processes commit one at a time in sequence order; bulk loads use binary COPY.
/// </summary>
public sealed class PostgresDirectoryStore(string connectionString) : SqlDirectoryStore
{
    /// <summary>The advisory lock every write of the store holds (an arbitrary number of the directory's own).</summary>
    private const long WriteLock = 0x436c696e6963;

    private readonly NpgsqlDataSource _source = NpgsqlDataSource.Create(connectionString);

    public override string Provider => "PostgreSQL";

    protected override IReadOnlyList<string> Migrations { get; } = [SchemaV1("TEXT", "BIGINT")];

    protected override string In(string column, string parameter) => $"{column} = ANY({parameter})";

    protected override async Task<DbConnection> OpenAsync(CancellationToken cancellationToken) =>
        await _source.OpenConnectionAsync(cancellationToken);

    protected override async Task<DbTransaction> BeginWriteAsync(DbConnection connection, CancellationToken cancellationToken)
    {
        var tx = await ((NpgsqlConnection)connection).BeginTransactionAsync(cancellationToken);
        await connection.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_xact_lock(@lock)", new { @lock = WriteLock }, tx, cancellationToken: cancellationToken));
        return tx;
    }

    protected override async Task InsertListingsAsync(DbConnection connection, DbTransaction tx, IReadOnlyList<Clinic> clinics, IReadOnlyList<Practitioner> practitioners, CancellationToken cancellationToken)
    {
        var npgsql = (NpgsqlConnection)connection;
        await using (var copy = await npgsql.BeginBinaryImportAsync("COPY clinics (id, version, updated_at, json) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var c in clinics)
                await Row(copy, c.Id, c.Version, c.UpdatedAt.ToUnixTimeMilliseconds(), Json(c), cancellationToken);
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await npgsql.BeginBinaryImportAsync("COPY practitioners (id, version, updated_at, json) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in practitioners)
                await Row(copy, p.Id, p.Version, p.UpdatedAt.ToUnixTimeMilliseconds(), Json(p), cancellationToken);
            await copy.CompleteAsync(cancellationToken);
        }
        await using (var copy = await npgsql.BeginBinaryImportAsync("COPY practitioner_clinics (clinic_id, practitioner_id) FROM STDIN (FORMAT BINARY)", cancellationToken))
        {
            foreach (var p in practitioners)
            {
                foreach (var clinicId in p.ClinicIds.Distinct(StringComparer.Ordinal))
                {
                    await copy.StartRowAsync(cancellationToken);
                    await copy.WriteAsync(clinicId, NpgsqlDbType.Text, cancellationToken);
                    await copy.WriteAsync(p.Id, NpgsqlDbType.Text, cancellationToken);
                }
            }
            await copy.CompleteAsync(cancellationToken);
        }
    }

    private static async Task Row(NpgsqlBinaryImporter copy, string id, int version, long updatedAt, string json, CancellationToken cancellationToken)
    {
        await copy.StartRowAsync(cancellationToken);
        await copy.WriteAsync(id, NpgsqlDbType.Text, cancellationToken);
        await copy.WriteAsync(version, NpgsqlDbType.Integer, cancellationToken);
        await copy.WriteAsync(updatedAt, NpgsqlDbType.Bigint, cancellationToken);
        await copy.WriteAsync(json, NpgsqlDbType.Text, cancellationToken);
    }

    public override void Dispose()
    {
        _source.Dispose();
        base.Dispose();
    }
}
