using System.Globalization;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Editing;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// <c>dotnet run --project src/ClinicDirectory.Api -- import-roster --file F.csv [--name N] [--dry-run]</c>: a certifying
/// body's or a regulator's roster imported into the store as one change (see <see cref="DirectoryEditor.ImportRosterAsync"/>),
/// with progress and a report. On SQLite the service must be stopped (it holds the data directory); on PostgreSQL it
/// may run beside the service processes, which follow the change log.
/// </summary>
public static class ImportRosterCommand
{
    public const string Usage = "usage: import-roster --file ROSTER.csv [--name \"GunnIMS roster 2026-12\"] [--dry-run]";

    public static async Task<int> RunAsync(string[] args, IServiceProvider services, TextWriter output, TextWriter error)
    {
        string? file = null, name = null;
        var dryRun = false;
        for (var i = 0; i < args.Length; i++)
        {
            switch (args[i])
            {
                case "--file" when i + 1 < args.Length: file = args[++i]; break;
                case "--name" when i + 1 < args.Length: name = args[++i]; break;
                case "--dry-run": dryRun = true; break;
                // The host's own settings (--urls, --contentRoot, --Storage:DataPath ...) are the host's.
                case var host when IsHostSetting(host):
                    if (!host.Contains('=', StringComparison.Ordinal)) i++;
                    break;
                default:
                    error.WriteLine($"Unknown argument \"{args[i]}\". {Usage}");
                    return 2;
            }
        }
        if (file is null)
        {
            error.WriteLine(Usage);
            return 2;
        }
        if (!File.Exists(file))
        {
            error.WriteLine($"No roster file \"{file}\".");
            return 2;
        }

        await services.GetRequiredService<IDirectoryEngine>().InitializeAsync(CancellationToken.None);
        var editor = services.GetRequiredService<DirectoryEditor>();
        var caller = new Caller("import-roster", ApiKeyRole.Admin, null, "import-roster command");
        await using var stream = File.OpenRead(file);
        var result = await editor.ImportRosterAsync(caller, stream, name ?? Path.GetFileNameWithoutExtension(file), dryRun,
            new SynchronousProgress<string>(output.WriteLine), CancellationToken.None);
        if (result.Value is not { } report)
        {
            foreach (var e in result.Errors) error.WriteLine(e.Message);
            return 1;
        }
        Write(report, output);
        return 0;
    }

    private static bool IsHostSetting(string argument) =>
        argument is "--urls" or "--contentRoot" or "--environment" or "--applicationName"
        || argument.StartsWith("--", StringComparison.Ordinal) && (argument.Contains(':', StringComparison.Ordinal) || argument.Contains('=', StringComparison.Ordinal));

    private static void Write(RosterReport report, TextWriter output)
    {
        string Lines(IEnumerable<int> lines) => string.Join(", ", lines.Take(50)) + (lines.Skip(50).Any() ? ", …" : "");
        output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{(report.DryRun ? "Dry run of" : "Imported")} \"{report.Roster}\": {report.Rows} rows, {report.Matched.Count} matched ({report.Matched.Count(m => m.By == "registration")} by registration number, {report.Matched.Count(m => m.By == "name")} by name), {report.Changed.Count} practitioners {(report.DryRun ? "would change" : "changed")}."));
        if (report.Unmatched.Count > 0) output.WriteLine($"Unmatched ({report.Unmatched.Count}): lines {Lines(report.Unmatched)}");
        foreach (var a in report.Ambiguous) output.WriteLine($"Ambiguous: line {a.Line} matches {string.Join(", ", a.Candidates)}");
        foreach (var c in report.Conflicting) output.WriteLine($"Conflicting: line {c.Line} ({c.PractitionerId}): {c.Reason}");
        foreach (var b in report.Bad) output.WriteLine($"Bad row: line {b.Line}: {b.Reason}");
    }
}
