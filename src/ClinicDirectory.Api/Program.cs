using ClinicDirectory.Api.Extensions;
using ClinicDirectory.Api.Hosting;

// "generate" writes fictional sample listings in the seed format instead of serving.
if (args is ["generate", ..])
    return GenerateCommand.Run(args[1..], Console.Out);

var builder = WebApplication.CreateBuilder(args);

// Options, seed data, the search engine and GraphQL, all registered in Extensions/.
builder.AddDirectory();

var app = builder.Build();

// Health probes, the GraphQL endpoint and the patient page.
app.MapDirectory();

app.Run();
return 0;

/// <summary>The host's entry point, public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
