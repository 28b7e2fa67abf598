using System.Globalization;
using System.Text;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;
using CsvHelper;
using CsvHelper.Configuration;

namespace ClinicDirectory.Core.Editing;

/// <summary>Whose roster a row comes from.</summary>
public enum RosterSource
{
    CertifyingBody,
    Regulator,
}

/// <summary>
/// One row of a roster: a certifying body's (a credential: program, dates, status) or a regulator's (a registration:
/// number, status, and with <c>program_id</c> "dry-needling" or "acupuncture" the regulator's authorization or roster
/// for the technique).
/// </summary>
public sealed record RosterRow(
    int Line,
    RosterSource Source,
    string BodyOrRegulator,
    string FullName,
    string? RegistrationNumber,
    string Region,
    string? ProgramId,
    DateOnly? EarnedOn,
    DateOnly? ExpiresOn,
    string Status)
{
    /// <summary>The credential status a certifying body's row gives.</summary>
    public VerificationStatus CredentialStatus => Status switch
    {
        "VERIFIED" or "ACTIVE" or "CERTIFIED" => VerificationStatus.Verified,
        "EXPIRED" => VerificationStatus.Expired,
        _ => VerificationStatus.Rejected,
    };

    /// <summary>The registration standing a regulator's row gives.</summary>
    public RegistrationStatus RegistrationStatus => Status switch
    {
        "ACTIVE" => RegistrationStatus.Active,
        "SUSPENDED" => RegistrationStatus.Suspended,
        _ => RegistrationStatus.Inactive,
    };

    /// <summary>Whether a regulator's row is about the authorization for dry needling (its roster for the technique).</summary>
    public bool IsAuthorization => ProgramId is not null && RosterFile.AuthorizationPrograms.Contains(ProgramId);
}

/// <summary>A row that could not be read, with its line number.</summary>
public sealed record RosterProblem(int Line, string Reason);

/// <summary>
/// Reads a roster: CSV (RFC 4180 quoting, UTF-8 with or without a byte order mark) with the header
/// <c>source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status</c>.
/// Every row is checked; rows that fail are reported with their line numbers and left out.
/// </summary>
public static class RosterFile
{
    public static readonly string[] Columns =
        ["source", "body_or_regulator", "full_name", "registration_number", "region", "program_id", "earned_on", "expires_on", "status"];

    /// <summary>Values of <c>program_id</c> that make a regulator's row its authorization for dry needling.</summary>
    public static readonly IReadOnlySet<string> AuthorizationPrograms = new HashSet<string>(StringComparer.Ordinal) { "dry-needling", "acupuncture" };

    private static readonly string[] CredentialStatuses = ["VERIFIED", "ACTIVE", "CERTIFIED", "EXPIRED", "REVOKED", "REJECTED", "SUSPENDED"];
    private static readonly string[] RegistrationStatuses = ["ACTIVE", "INACTIVE", "SUSPENDED", "REVOKED", "LAPSED"];

    /// <summary>At most this many rows are read from one roster.</summary>
    public const int MaxRows = 200_000;

    public static (List<RosterRow> Rows, List<RosterProblem> Problems) Read(Stream stream, DirectoryTaxonomy taxonomy, IProgress<int>? progress = null)
    {
        var rows = new List<RosterRow>();
        var problems = new List<RosterProblem>();
        using var reader = new StreamReader(stream, new UTF8Encoding(false, throwOnInvalidBytes: true), detectEncodingFromByteOrderMarks: true);
        var badLines = new HashSet<int>();
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            HasHeaderRecord = true,
            TrimOptions = TrimOptions.Trim,
            DetectDelimiter = false,
            BadDataFound = args => badLines.Add(args.Context.Parser?.RawRow ?? 0),
            MissingFieldFound = null,
        };
        using var csv = new CsvReader(reader, configuration);
        try
        {
            if (!csv.Read() || !csv.ReadHeader())
            {
                problems.Add(new RosterProblem(1, "The roster is empty: the first line must be the header " + string.Join(',', Columns) + "."));
                return (rows, problems);
            }
            var header = csv.HeaderRecord!.Select(h => h.Trim().ToLowerInvariant()).ToArray();
            var missing = Columns.Where(c => !header.Contains(c)).ToList();
            if (missing.Count > 0)
            {
                problems.Add(new RosterProblem(1, $"The header lacks {string.Join(", ", missing)}; it must be " + string.Join(',', Columns) + "."));
                return (rows, problems);
            }
            var index = Columns.ToDictionary(c => c, c => Array.IndexOf(header, c));
            // A record's first line (a quoted field may span lines): the line after the previous record's last.
            var previousEnd = csv.Parser.RawRow;
            while (csv.Read())
            {
                var line = previousEnd + 1;
                previousEnd = csv.Parser.RawRow;
                if (rows.Count + problems.Count >= MaxRows)
                {
                    problems.Add(new RosterProblem(line, $"The roster has more than {MaxRows} rows; the rest is not read."));
                    break;
                }
                if (badLines.Remove(previousEnd))
                {
                    problems.Add(new RosterProblem(line, "A quote is not closed or a field has stray quotes (RFC 4180)."));
                    continue;
                }
                if (csv.Parser.Count != header.Length)
                {
                    problems.Add(new RosterProblem(line, $"The row has {csv.Parser.Count} fields; the header has {header.Length}" +
                        (previousEnd > line ? $" (a quote opened here runs to line {previousEnd})." : ".")));
                    continue;
                }
                string Field(string column) => csv.GetField(index[column])?.Trim() ?? "";
                if (Parse(line, Field, taxonomy) is { } parsed)
                {
                    if (parsed.Row is { } row) rows.Add(row);
                    else problems.Add(parsed.Problem!);
                }
                if ((rows.Count + problems.Count) % 5_000 == 0) progress?.Report(rows.Count + problems.Count);
            }
        }
        catch (Exception ex) when (ex is CsvHelperException or DecoderFallbackException)
        {
            problems.Add(new RosterProblem(csv.Parser?.RawRow ?? 0, ex is DecoderFallbackException
                ? "The roster is not UTF-8 text."
                : "The roster could not be read as CSV from here on: " + ex.Message.Split('\n')[0]));
        }
        progress?.Report(rows.Count + problems.Count);
        return (rows, problems);
    }

    private static (RosterRow? Row, RosterProblem? Problem)? Parse(int line, Func<string, string> field, DirectoryTaxonomy taxonomy)
    {
        (RosterRow?, RosterProblem?) Bad(string reason) => (null, new RosterProblem(line, reason));
        var sourceText = field("source").ToUpperInvariant();
        RosterSource? source = sourceText switch
        {
            "CERTIFYING_BODY" => RosterSource.CertifyingBody,
            "REGULATOR" => RosterSource.Regulator,
            _ => null,
        };
        if (source is null) return Bad($"source must be CERTIFYING_BODY or REGULATOR, not \"{Short(field("source"))}\".");
        var body = field("body_or_regulator");
        var name = field("full_name");
        var region = field("region").ToUpperInvariant();
        var number = field("registration_number");
        var program = field("program_id").ToLowerInvariant();
        var status = field("status").ToUpperInvariant();
        if (body.Length == 0) return Bad("body_or_regulator is empty.");
        if (name.Length == 0) return Bad("full_name is empty.");
        if (region.Length == 0) return Bad("region is empty.");
        if (name.Length > 200 || body.Length > 200 || number.Length > 100) return Bad("A field is longer than a roster's fields are (200 characters).");
        if (!TryDate(field("earned_on"), out var earned)) return Bad($"earned_on \"{Short(field("earned_on"))}\" is not a date (YYYY-MM-DD).");
        if (!TryDate(field("expires_on"), out var expires)) return Bad($"expires_on \"{Short(field("expires_on"))}\" is not a date (YYYY-MM-DD).");
        if (earned is { } e && expires is { } x && x < e) return Bad("expires_on is before earned_on.");
        if (source == RosterSource.CertifyingBody)
        {
            if (taxonomy.ProgramById(program) is not { } known) return Bad($"program_id \"{Short(field("program_id"))}\" is not a certification program of the directory.");
            if (!string.Equals(body, known.BodyId, StringComparison.OrdinalIgnoreCase) && !string.Equals(body, known.Body, StringComparison.OrdinalIgnoreCase))
                return Bad($"program_id {known.Id} belongs to {known.Body}, not to \"{Short(body)}\".");
            if (!CredentialStatuses.Contains(status)) return Bad($"status must be one of {string.Join(", ", CredentialStatuses)} for a certifying body, not \"{Short(field("status"))}\".");
        }
        else
        {
            if (number.Length == 0) return Bad("registration_number is empty; a regulator's row names the registration.");
            if (program.Length > 0 && !AuthorizationPrograms.Contains(program))
                return Bad($"program_id must be empty, dry-needling or acupuncture for a regulator, not \"{Short(field("program_id"))}\".");
            if (!RegistrationStatuses.Contains(status)) return Bad($"status must be one of {string.Join(", ", RegistrationStatuses)} for a regulator, not \"{Short(field("status"))}\".");
        }
        return (new RosterRow(line, source.Value, body, name, number.Length == 0 ? null : number, region,
            program.Length == 0 ? null : program, earned, expires, status), null);
    }

    private static bool TryDate(string text, out DateOnly? date)
    {
        date = null;
        if (text.Length == 0) return true;
        if (!DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var parsed)) return false;
        date = parsed;
        return true;
    }

    private static string Short(string text) => text.Length <= 60 ? text : text[..60] + "…";

    /// <summary>A name as rosters and listings are compared: folded accents and case, no middle initials, no punctuation.</summary>
    public static string NameKey(string name) =>
        string.Join(' ', TextNormalizer.Key(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Where(w => w.Length > 1));

    /// <summary>A registration number as compared: upper case, without spaces or dashes.</summary>
    public static string NumberKey(string number) =>
        new([.. number.ToUpperInvariant().Where(char.IsLetterOrDigit)]);
}
