using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace ClinicDirectory.Tests.Shared;

/// <summary>
/// A real PostgreSQL server for the tests: the one POSTGRES_URL names (an Npgsql connection string or a
/// postgres:// URL), or else a throwaway server of Debian's package (initdb into a temp folder, on a free local port,
/// stopped and removed on dispose). Each test takes a database of its own (<see cref="CreateDatabase"/>).
/// </summary>
public sealed class PostgresServer : IDisposable
{
    private readonly string? _dataPath;
    private readonly string? _pgCtl;

    /// <summary>A connection string to the server's maintenance database.</summary>
    public string AdminConnectionString { get; }

    public PostgresServer()
    {
        if (Environment.GetEnvironmentVariable("POSTGRES_URL") is { Length: > 0 } url)
        {
            AdminConnectionString = FromUrl(url);
            return;
        }
        var bin = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").Select(d => Path.Combine(d, "bin")).Where(d => File.Exists(Path.Combine(d, "pg_ctl"))).OrderDescending().FirstOrDefault()
            : null;
        if (bin is null)
            throw new InvalidOperationException("No PostgreSQL for the store tests: set POSTGRES_URL, or install Debian's postgresql (tests/test.sh does).");
        _pgCtl = Path.Combine(bin, "pg_ctl");
        _dataPath = Path.Combine(Path.GetTempPath(), "clinicdirectory-postgres", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(_dataPath);
        var port = FreePort();
        // PostgreSQL refuses to run as root: then the server runs as the package's postgres user.
        var asRoot = Environment.UserName == "root";
        if (asRoot) Run("chown", ["-R", "postgres", Path.GetDirectoryName(_dataPath)!]);
        Run(Path.Combine(bin, "initdb"), ["-D", _dataPath, "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-sync"], asRoot);
        Run(_pgCtl, ["-D", _dataPath, "-w", "-l", Path.Combine(_dataPath, "server.log"),
            "-o", $"-p {port} -k {_dataPath} -c listen_addresses=127.0.0.1 -c fsync=on", "start"], asRoot);
        AdminConnectionString = $"Host=127.0.0.1;Port={port};Username=postgres;Database=postgres;Pooling=false";
    }

    /// <summary>A new empty database; its connection string.</summary>
    public string CreateDatabase()
    {
        var name = "cd_" + Guid.NewGuid().ToString("N")[..16];
        using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            connection.Open();
            using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            create.ExecuteNonQuery();
        }
        return new NpgsqlConnectionStringBuilder(AdminConnectionString) { Database = name, Pooling = true }.ToString();
    }

    /// <summary>An Npgsql connection string from a postgres:// URL; a connection string is returned as it is.</summary>
    private static string FromUrl(string url)
    {
        if (!url.StartsWith("postgres", StringComparison.OrdinalIgnoreCase) || !url.Contains("://", StringComparison.Ordinal)) return url;
        var uri = new Uri(url);
        var user = uri.UserInfo.Split(':', 2);
        return new NpgsqlConnectionStringBuilder
        {
            Host = uri.Host,
            Port = uri.Port > 0 ? uri.Port : 5432,
            Username = Uri.UnescapeDataString(user[0]),
            Password = user.Length > 1 ? Uri.UnescapeDataString(user[1]) : null,
            Database = uri.AbsolutePath.Trim('/') is { Length: > 0 } db ? db : "postgres",
            Pooling = false,
        }.ToString();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static void Run(string file, IReadOnlyList<string> arguments, bool asPostgres = false)
    {
        var info = new ProcessStartInfo(asPostgres ? "runuser" : file) { RedirectStandardOutput = true, RedirectStandardError = true };
        if (asPostgres)
        {
            foreach (var a in new[] { "-u", "postgres", "--", file }) info.ArgumentList.Add(a);
        }
        foreach (var a in arguments) info.ArgumentList.Add(a);
        using var process = Process.Start(info)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{Path.GetFileName(file)} failed ({process.ExitCode}): {error}{output.Result}");
    }

    public void Dispose()
    {
        if (_pgCtl is null || _dataPath is null) return;
        try
        {
            Run(_pgCtl, ["-D", _dataPath, "-m", "immediate", "stop"], Environment.UserName == "root");
        }
        catch (InvalidOperationException)
        {
            // Already stopped.
        }
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
