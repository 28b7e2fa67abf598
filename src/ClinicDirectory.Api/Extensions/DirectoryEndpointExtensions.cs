using ClinicDirectory.Api.GraphQL;
using ClinicDirectory.Api.Hosting;

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
        app.UseCors();
        app.MapGet("/health/live", () => Results.Text("live"));
        app.MapGet("/health/ready", (Readiness readiness) => readiness.IsReady
            ? Results.Text("ready")
            : Results.Text(readiness.Failure is null ? "starting" : "failed: " + readiness.Failure, statusCode: StatusCodes.Status503ServiceUnavailable));
        app.MapGraphQLEndpoint();
        return app;
    }
}
