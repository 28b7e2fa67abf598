using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Api.Hosting;

/// <summary>What must hold before the host starts, checked where a refusal can still be one clean line.</summary>
public static class StartupChecks
{
    /// <summary>
    /// Takes the data directory's lock and creates the configured engine; the reason the service cannot start
    /// (<see cref="StartupRefusedException"/>), or null when it can.
    /// </summary>
    public static string? StartupRefusal(this WebApplication app)
    {
        try
        {
            app.Services.GetRequiredService<DataDirectoryLock>();
            app.Services.GetRequiredService<IDirectoryEngine>();
            return null;
        }
        catch (StartupRefusedException refused)
        {
            return refused.Message;
        }
    }
}
