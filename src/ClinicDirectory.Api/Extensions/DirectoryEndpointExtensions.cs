using ClinicDirectory.Api.GraphQL;
using ClinicDirectory.Api.Hosting;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace ClinicDirectory.Api.Extensions;

/// <summary>The HTTP surface: health probes, GraphQL and the patient page.</summary>
public static class DirectoryEndpointExtensions
{
    public static WebApplication MapDirectory(this WebApplication app)
    {
        // Every response names its request; the same id is in the scope of every log line written for it.
        app.Use((context, next) =>
        {
            context.Response.Headers["X-Request-Id"] = context.TraceIdentifier;
            return next(context);
        });
        app.UseDefaultFiles();
        app.UseStaticFiles();
        app.UseRouting();
        app.UseCors();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        // Liveness answers while the process runs; readiness once the directory is loaded.
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false, ResponseWriter = WriteStatusAsync("live") });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadinessHealthCheck.Tag),
            ResponseWriter = WriteStatusAsync(null),
        });
        app.MapGraphQLEndpoint();
        return app;
    }

    /// <summary>A health answer as one line of text: the fixed text, or the readiness check's description.</summary>
    private static Func<HttpContext, HealthReport, Task> WriteStatusAsync(string? text) => (context, report) =>
    {
        context.Response.ContentType = "text/plain; charset=utf-8";
        return context.Response.WriteAsync(text ?? report.Entries.Values.FirstOrDefault().Description ?? report.Status.ToString());
    };
}
