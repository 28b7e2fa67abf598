using ClinicDirectory.Api.Extensions;
using ClinicDirectory.Api.Hosting;

// "generate" writes fictional sample listings in the seed format instead of serving.
if (args is ["generate", ..])
    return GenerateCommand.Run(args[1..], Console.Out);

var builder = WebApplication.CreateBuilder(args);

// Options, seed data, the search engine and GraphQL, all registered in Extensions/.
builder.AddDirectory();

var app = builder.Build();

// A start the operator must fix (the data directory held by another process, a store that cannot be opened, an
// engine this build lacks): one line, exit 1.
if (app.StartupRefusal() is { } refusal)
{
    Console.Error.WriteLine(refusal);
    return 1;
}

// "reindex" builds the embedded index again from the store of record, with progress, instead of serving.
if (args is ["reindex", ..])
    return await ReindexCommand.RunAsync(app.Services, Console.Out);

// "import-roster" imports a certifying body's or a regulator's roster into the store, instead of serving.
if (args is ["import-roster", .. var rosterArgs])
    return await ImportRosterCommand.RunAsync(rosterArgs, app.Services, Console.Out, Console.Error);

// Health probes, the GraphQL endpoint and the patient page.
app.MapDirectory();

app.Run();
return 0;

/// <summary>The host's entry point, public so tests can start it with WebApplicationFactory.</summary>
public partial class Program;
