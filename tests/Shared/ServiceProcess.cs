using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClinicDirectory.Tests.Shared;

/// <summary>The service started as its own operating-system process, as in production (shared by test projects).</summary>
public sealed class ServiceProcess : IDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServiceProcess(Process process, Uri address)
    {
        _process = process;
        Address = address;
        Client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(30) };
        process.OutputDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.ErrorDataReceived += (_, e) => { lock (_output) _output.AppendLine(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public Uri Address { get; }

    public HttpClient Client { get; }

    public string Output
    {
        get { lock (_output) return _output.ToString(); }
    }

    public bool HasExited => _process.HasExited;

    public int ProcessId => _process.Id;

    public int ExitCode => _process.ExitCode;

    public const string AdminKey = "test-admin-key-0123456789abcdef";

    /// <summary>
    /// Starts the service on a data directory; it seeds from the repository's seed unless another folder is given.
    /// The environment given is added (configuration such as Storage__Provider); arguments after the service's own
    /// (a command such as "reindex") are passed on.
    /// </summary>
    public static ServiceProcess Start(string dataPath, string? seedPath = null, IReadOnlyDictionary<string, string>? environment = null, IReadOnlyList<string>? arguments = null)
    {
        var port = FreePort();
        var dll = Path.Combine(AppContext.BaseDirectory, "ClinicDirectory.Api.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = dataPath,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        info.ArgumentList.Add(dll);
        foreach (var argument in arguments ?? []) info.ArgumentList.Add(argument);
        info.ArgumentList.Add("--urls");
        info.ArgumentList.Add($"http://127.0.0.1:{port}");
        // The patient page (wwwroot) is copied beside the program.
        info.ArgumentList.Add("--contentRoot");
        info.ArgumentList.Add(AppContext.BaseDirectory);
        info.Environment["Storage__DataPath"] = dataPath;
        info.Environment["Seed__Path"] = seedPath ?? Core.Seeding.SeedData.Locate(null).Folder;
        info.Environment["Auth__AdminKey"] = AdminKey;
        info.Environment["RateLimiting__Enabled"] = "false";
        info.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        foreach (var (name, value) in environment ?? new Dictionary<string, string>()) info.Environment[name] = value;
        Directory.CreateDirectory(dataPath);
        return new ServiceProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
    }

    public async Task WaitReadyAsync(TimeSpan? timeout = null)
    {
        var deadline = DateTime.UtcNow + (timeout ?? TimeSpan.FromSeconds(90));
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException("The service exited:\n" + Output);
            try
            {
                var response = await Client.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
                // A start that failed (the seed could not be loaded) stays failed: no need to wait it out.
                var state = await response.Content.ReadAsStringAsync();
                if (state.StartsWith("failed", StringComparison.Ordinal))
                    throw new InvalidOperationException($"The service reports {state}:\n{Output}");
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException("The service did not become ready:\n" + Output);
    }

    /// <summary>SIGKILL: no shutdown code runs.</summary>
    public void Kill()
    {
        _process.Kill(entireProcessTree: true);
        _process.WaitForExit(10_000);
    }

    public bool WaitForExit(TimeSpan timeout)
    {
        if (!_process.WaitForExit(timeout)) return false;
        // Only the parameterless wait also waits for the redirected output to be read to its end.
        _process.WaitForExit();
        return true;
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public void Dispose()
    {
        if (!_process.HasExited) Kill();
        _process.Dispose();
        Client.Dispose();
    }
}
