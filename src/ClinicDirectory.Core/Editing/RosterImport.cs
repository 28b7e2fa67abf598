using System.Security.Cryptography;
using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Editing;

/// <summary>A roster row and the practitioner it was matched to, by registration number or by name.</summary>
public sealed record RosterMatch(int Line, string PractitionerId, string By, bool Changed);

/// <summary>A row with two or more candidate practitioners: nothing is changed for it.</summary>
public sealed record RosterAmbiguity(int Line, IReadOnlyList<string> Candidates);

/// <summary>A row that contradicts another row of the roster, or the practitioner it matched: nothing is changed for it.</summary>
public sealed record RosterConflict(int Line, string PractitionerId, string Reason);

/// <summary>What an import did, or with a dry run would do.</summary>
public sealed record RosterReport
{
    public required string Roster { get; init; }
    public bool DryRun { get; init; }
    public int Rows { get; init; }
    public IReadOnlyList<RosterMatch> Matched { get; init; } = [];
    public IReadOnlyList<int> Unmatched { get; init; } = [];
    public IReadOnlyList<RosterAmbiguity> Ambiguous { get; init; } = [];
    public IReadOnlyList<RosterConflict> Conflicting { get; init; } = [];
    public IReadOnlyList<RosterProblem> Bad { get; init; } = [];
    /// <summary>Practitioners whose credentials or registration the roster changes.</summary>
    public IReadOnlyList<string> Changed { get; init; } = [];
    /// <summary>The change-log sequence of the import's commit; null for a dry run or when nothing changed.</summary>
    public long? Sequence { get; init; }
}

/// <summary>
/// Matches roster rows to practitioners and works out what changes. A row matches by registration number and region
/// (a practitioner's regions are those of its clinics), else by normalized full name and region. A matched
/// certifying body's row gives the practitioner's credential of that program the roster's status and dates, with the
/// roster as provenance (a credential the practitioner did not list is added); a matched regulator's row gives the
/// registration the regulator's standing and, for its dry-needling or acupuncture roster, the authorization. Applying
/// the same roster again changes nothing.
/// </summary>
public sealed class RosterPlan
{
    private readonly Dictionary<(string Number, string Region), List<Practitioner>> _byNumber = [];
    private readonly Dictionary<(string Name, string Region), List<Practitioner>> _byName = [];

    /// <param name="practitioners">Every practitioner, with the regions of its clinics.</param>
    public RosterPlan(IEnumerable<(Practitioner Practitioner, IReadOnlyCollection<string> Regions)> practitioners)
    {
        foreach (var (practitioner, regions) in practitioners)
        {
            var name = RosterFile.NameKey(practitioner.Name);
            var number = practitioner.Registration is { Number.Length: > 0 } r ? RosterFile.NumberKey(r.Number) : null;
            foreach (var region in regions.Distinct(StringComparer.Ordinal))
            {
                if (number is not null) Add(_byNumber, (number, region), practitioner);
                if (name.Length > 0) Add(_byName, (name, region), practitioner);
            }
        }
    }

    private static void Add<TKey>(Dictionary<TKey, List<Practitioner>> index, TKey key, Practitioner practitioner)
        where TKey : notnull
    {
        if (!index.TryGetValue(key, out var list)) index[key] = list = [];
        if (!list.Contains(practitioner)) list.Add(practitioner);
    }

    /// <summary>
    /// The report, and the practitioners as the roster leaves them (copies; the ones given are not touched), for those
    /// it changes.
    /// </summary>
    public (RosterReport Report, IReadOnlyList<Practitioner> Changed) Apply(
        IReadOnlyList<RosterRow> rows, IReadOnlyList<RosterProblem> bad, string roster, bool dryRun, DateTimeOffset now)
    {
        var unmatched = new List<int>();
        var ambiguous = new List<RosterAmbiguity>();
        var conflicting = new List<RosterConflict>();
        var found = new List<(RosterRow Row, Practitioner Practitioner, string By)>();
        foreach (var row in rows)
        {
            var (candidates, by) = Candidates(row);
            if (candidates.Count == 0) unmatched.Add(row.Line);
            else if (candidates.Count > 1) ambiguous.Add(new RosterAmbiguity(row.Line, [.. candidates.Select(p => p.Id).Order(StringComparer.Ordinal)]));
            else if (by == "name" && row.RegistrationNumber is { } number && candidates[0].Registration is { } registration
                     && RosterFile.NumberKey(number) != RosterFile.NumberKey(registration.Number))
                conflicting.Add(new RosterConflict(row.Line, candidates[0].Id, $"The roster's registration number {number} is not the practitioner's ({registration.Number})."));
            else found.Add((row, candidates[0], by));
        }

        // Two rows about the same credential or registration that say different things: neither is applied.
        var targets = found.GroupBy(f => (f.Practitioner.Id, Target: f.Row.Source == RosterSource.CertifyingBody ? "credential:" + f.Row.ProgramId : f.Row.IsAuthorization ? "authorization" : "registration"));
        var applicable = new List<(RosterRow Row, Practitioner Practitioner, string By)>();
        foreach (var group in targets)
        {
            if (group.Select(g => (g.Row.Status, g.Row.EarnedOn, g.Row.ExpiresOn, g.Row.RegistrationNumber)).Distinct().Count() > 1)
            {
                conflicting.AddRange(group.Select(g => new RosterConflict(g.Row.Line, g.Practitioner.Id, $"Another row of the roster ({string.Join(", ", group.Where(o => o.Row.Line != g.Row.Line).Select(o => "line " + o.Row.Line))}) says otherwise.")));
                continue;
            }
            applicable.AddRange(group);
        }

        var copies = new Dictionary<string, Practitioner>(StringComparer.Ordinal);
        var matched = new List<RosterMatch>();
        foreach (var (row, original, by) in applicable.OrderBy(a => a.Row.Line))
        {
            if (!copies.TryGetValue(original.Id, out var practitioner))
                copies[original.Id] = practitioner = Copy(original);
            var changed = row.Source == RosterSource.CertifyingBody
                ? ApplyCredential(practitioner, row, roster, now)
                : ApplyRegistration(practitioner, row, roster, now);
            matched.Add(new RosterMatch(row.Line, original.Id, by, changed));
        }
        var changedIds = matched.Where(m => m.Changed).Select(m => m.PractitionerId).Distinct().Order(StringComparer.Ordinal).ToList();
        var report = new RosterReport
        {
            Roster = roster,
            DryRun = dryRun,
            Rows = rows.Count + bad.Count,
            Matched = matched,
            Unmatched = unmatched,
            Ambiguous = ambiguous,
            Conflicting = [.. conflicting.OrderBy(c => c.Line)],
            Bad = bad,
            Changed = changedIds,
        };
        return (report, [.. changedIds.Select(id => copies[id])]);
    }

    private (IReadOnlyList<Practitioner> Candidates, string By) Candidates(RosterRow row)
    {
        if (row.RegistrationNumber is { } number && _byNumber.TryGetValue((RosterFile.NumberKey(number), row.Region), out var byNumber))
            return (byNumber, "registration");
        return _byName.TryGetValue((RosterFile.NameKey(row.FullName), row.Region), out var byName) ? (byName, "name") : ([], "none");
    }

    private static bool ApplyCredential(Practitioner practitioner, RosterRow row, string roster, DateTimeOffset now)
    {
        var credential = practitioner.Credentials.FirstOrDefault(c => c.ProgramId == row.ProgramId);
        var status = row.CredentialStatus;
        var verifiedBy = $"{row.BodyOrRegulator} roster";
        if (credential is not null && credential.Status == status && credential.Source == ProvenanceSource.CertifyingBody
            && credential.VerifiedBy == verifiedBy && credential.Provenance == roster
            && (row.EarnedOn is null || credential.EarnedOn == row.EarnedOn) && (row.ExpiresOn is null || credential.ExpiresOn == row.ExpiresOn))
            return false;
        if (credential is null)
        {
            credential = new Credential { Id = "cred-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)), ProgramId = row.ProgramId! };
            practitioner.Credentials.Add(credential);
        }
        credential.Status = status;
        if (row.EarnedOn is { } earned) credential.EarnedOn = earned;
        if (row.ExpiresOn is { } expires) credential.ExpiresOn = expires;
        credential.Source = ProvenanceSource.CertifyingBody;
        credential.AssertedAt = now;
        credential.VerifiedAt = now;
        credential.VerifiedBy = verifiedBy;
        credential.Provenance = roster;
        return true;
    }

    private static bool ApplyRegistration(Practitioner practitioner, RosterRow row, string roster, DateTimeOffset now)
    {
        var registration = practitioner.Registration;
        var standing = row.RegistrationStatus;
        var authorized = row.IsAuthorization ? standing == RegistrationStatus.Active : registration?.DryNeedlingAuthorized ?? false;
        // A row of the technique's roster says whether the practitioner is on it, not the standing of the licence.
        var newStanding = row.IsAuthorization ? registration?.Status ?? RegistrationStatus.Active : standing;
        var verifiedBy = row.BodyOrRegulator;
        if (registration is not null && registration.Status == newStanding && registration.DryNeedlingAuthorized == authorized
            && registration.Source == ProvenanceSource.Regulator && registration.VerifiedBy == verifiedBy && registration.Provenance == roster)
            return false;
        registration ??= practitioner.Registration = new Registration { Regulator = row.BodyOrRegulator, Number = row.RegistrationNumber! };
        registration.Status = newStanding;
        registration.DryNeedlingAuthorized = authorized;
        registration.Source = ProvenanceSource.Regulator;
        registration.AssertedAt = now;
        registration.VerifiedAt = now;
        registration.VerifiedBy = verifiedBy;
        registration.Provenance = roster;
        return true;
    }

    private static Practitioner Copy(Practitioner p) =>
        System.Text.Json.JsonSerializer.Deserialize<Practitioner>(System.Text.Json.JsonSerializer.Serialize(p, Seeding.DirectoryJson.Options), Seeding.DirectoryJson.Options)!;
}
