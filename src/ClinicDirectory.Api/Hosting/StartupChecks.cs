using System.Data.Common;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Store;

namespace ClinicDirectory.Api.Hosting;

/// <summary>What must hold before the host starts, checked where a refusal can still be one clean line.</summary>
public static class StartupChecks
{
    /// <summary>
    /// Takes the data directory's lock, opens the configured store and brings its schema to this build's version,
    /// and creates the configured engine; the reason the service cannot start, or null when it can.
    /// </summary>
    public static string? StartupRefusal(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<DataDirectoryLock>();
            var store = app.Services.GetRequiredService<IDirectoryStore>();
            store.MigrateAsync(CancellationToken.None).GetAwaiter().GetResult();
            if (app.Services.GetRequiredService<IDirectoryEngine>() is ClinicDirectory.Search.Elasticsearch.ElasticsearchDirectoryEngine cluster)
                cluster.CheckClusterAsync(CancellationToken.None).GetAwaiter().GetResult();
            return null;
        }
        catch (StartupRefusedException refused)
        {
            return refused.Message;
        }
        catch (SearchEngineUnavailableException cluster)
        {
            return cluster.Message;
        }
        catch (StoreConfigurationException configuration)
        {
            return configuration.Message;
        }
        catch (Exception ex) when (ex is DbException or InvalidOperationException or TimeoutException or System.Net.Sockets.SocketException)
        {
            return $"The store of record could not be opened: {ex.Message}";
        }
    }
}
