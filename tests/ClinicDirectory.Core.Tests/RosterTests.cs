using System.Text;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Editing;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Tests;

/// <summary>Reading rosters and matching their rows to practitioners.</summary>
public sealed class RosterTests
{
    private static readonly DirectoryTaxonomy Taxonomy = SeedData.Locate(null).LoadTaxonomy();
    private static readonly DateTimeOffset Now = new(2026, 12, 3, 12, 0, 0, TimeSpan.Zero);
    private const string Header = "source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status";

    private static (List<RosterRow> Rows, List<RosterProblem> Problems) Read(string text, bool bom = false)
    {
        var bytes = Encoding.UTF8.GetBytes(text);
        if (bom) bytes = [0xEF, 0xBB, 0xBF, .. bytes];
        using var stream = new MemoryStream(bytes);
        return RosterFile.Read(stream, Taxonomy);
    }

    private static Practitioner Person(string id, string name, string? number = null, params Credential[] credentials) => new()
    {
        Id = id,
        Name = name,
        Profession = Profession.Physiotherapist,
        Registration = number is null ? null : new Registration { Regulator = "Physiotherapy Alberta", Number = number },
        Credentials = [.. credentials],
        ClinicIds = ["c-" + id],
    };

    private static Credential SelfReported(string program) => new() { Id = "cred-" + program, ProgramId = program, Status = VerificationStatus.SelfReported };

    private static RosterPlan Plan(params (Practitioner Practitioner, string Region)[] people) =>
        new([.. people.Select(p => (p.Practitioner, (IReadOnlyCollection<string>)[p.Region]))]);

    [Fact]
    public void RFC_4180_quoting_and_a_byte_order_mark_are_read()
    {
        var (rows, problems) = Read(Header + "\r\n" +
            "CERTIFYING_BODY,GunnIMS,\"Hansen, Steve \"\"the IMS guy\"\"\",,AB,gunnims-ims,2015-06-01,,VERIFIED\r\n" +
            "CERTIFYING_BODY,Kinetacore,\"Zoë\nMüller\",,ON,kinetacore-fdn-1,,2027-01-01,EXPIRED\r\n", bom: true);
        Assert.Empty(problems);
        Assert.Equal(2, rows.Count);
        Assert.Equal("Hansen, Steve \"the IMS guy\"", rows[0].FullName);
        Assert.Equal(2, rows[0].Line);
        Assert.Equal(new DateOnly(2015, 6, 1), rows[0].EarnedOn);
        Assert.Equal("Zoë\nMüller", rows[1].FullName);
        Assert.Equal(3, rows[1].Line);
        Assert.Equal(VerificationStatus.Expired, rows[1].CredentialStatus);
    }

    [Fact]
    public void Malformed_rows_are_reported_with_their_line_numbers_and_the_rest_is_read()
    {
        var (rows, problems) = Read(string.Join('\n',
            Header,
            "CERTIFYING_BODY,GunnIMS,Ann Ok,,AB,gunnims-ims,,,VERIFIED",
            "SOMEBODY,GunnIMS,Bad Source,,AB,gunnims-ims,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Bad Date,,AB,gunnims-ims,01/02/2020,,VERIFIED",
            "CERTIFYING_BODY,Kinetacore,Wrong Body,,AB,gunnims-ims,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Too,Few",
            "REGULATOR,Physiotherapy Alberta,No Number,,AB,dry-needling,,,ACTIVE",
            "CERTIFYING_BODY,GunnIMS,Backwards,,AB,gunnims-ims,2020-01-01,2019-01-01,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Bad Status,,AB,gunnims-ims,,,MAYBE",
            "REGULATOR,Physiotherapy Alberta,Bo Ok,12345,AB,,,,SUSPENDED"));
        Assert.Equal(["Ann Ok", "Bo Ok"], rows.Select(r => r.FullName));
        Assert.Equal([3, 4, 5, 6, 7, 8, 9], problems.Select(p => p.Line));
        Assert.Contains("source must be", problems[0].Reason, StringComparison.Ordinal);
        Assert.Contains("not a date", problems[1].Reason, StringComparison.Ordinal);
        Assert.Contains("belongs to GunnIMS", problems[2].Reason, StringComparison.Ordinal);
        Assert.Contains("has 4 fields", problems[3].Reason, StringComparison.Ordinal);
        Assert.Contains("registration_number is empty", problems[4].Reason, StringComparison.Ordinal);
        Assert.Contains("before earned_on", problems[5].Reason, StringComparison.Ordinal);
        Assert.Contains("status must be", problems[6].Reason, StringComparison.Ordinal);
        Assert.Equal(RegistrationStatus.Suspended, rows[1].RegistrationStatus);

        var (_, header) = Read("name,region\nAnn,AB\n");
        Assert.Contains("The header lacks source", Assert.Single(header).Reason, StringComparison.Ordinal);
        Assert.Contains("empty", Assert.Single(Read("").Problems).Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void Rows_match_by_registration_number_and_region_else_by_normalized_name_and_region()
    {
        var plan = Plan(
            (Person("p1", "Steve Hansen", "PA-1234", SelfReported("gunnims-ims")), "AB"),
            (Person("p2", "Zoë J. Müller", null, SelfReported("kinetacore-fdn-1")), "ON"),
            (Person("p3", "Ann Lee", null), "BC"));
        var (rows, _) = Read(string.Join('\n', Header,
            "CERTIFYING_BODY,GunnIMS,S. Hansen,pa 1234,AB,gunnims-ims,2015-06-01,,VERIFIED",
            "CERTIFYING_BODY,Kinetacore,ZOE MULLER,,ON,kinetacore-fdn-1,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Ann Lee,,AB,gunnims-ims,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Ann Lee,,BC,gunnims-ims,,,VERIFIED"));
        var (report, changed) = plan.Apply(rows, [], "GunnIMS roster 2026-12", dryRun: false, Now);

        Assert.Equal([("p1", "registration"), ("p2", "name"), ("p3", "name")], report.Matched.Select(m => (m.PractitionerId, m.By)));
        // Ann Lee in Alberta is not the one in British Columbia.
        Assert.Equal([4], report.Unmatched);
        var steve = changed.Single(p => p.Id == "p1").Credentials.Single();
        Assert.Equal(VerificationStatus.Verified, steve.Status);
        Assert.Equal(ProvenanceSource.CertifyingBody, steve.Source);
        Assert.Equal("GunnIMS roster", steve.VerifiedBy);
        Assert.Equal("GunnIMS roster 2026-12", steve.Provenance);
        Assert.Equal(Now, steve.VerifiedAt);
        Assert.Equal(new DateOnly(2015, 6, 1), steve.EarnedOn);
        // A credential the practitioner did not list is added from the roster.
        var ann = changed.Single(p => p.Id == "p3").Credentials.Single();
        Assert.Equal(("gunnims-ims", VerificationStatus.Verified, ProvenanceSource.CertifyingBody), (ann.ProgramId, ann.Status, ann.Source));
    }

    [Fact]
    public void Two_candidates_are_ambiguous_and_contradicting_rows_are_conflicts_and_neither_changes_anything()
    {
        var plan = Plan(
            (Person("p1", "Sam Patel", null), "AB"),
            (Person("p2", "Sam Patel", null), "AB"),
            (Person("p3", "Kim Roy", "PA-9", SelfReported("gunnims-ims")), "AB"),
            (Person("p4", "Lee Chan", "PA-7"), "AB"));
        var (rows, _) = Read(string.Join('\n', Header,
            "CERTIFYING_BODY,GunnIMS,Sam Patel,,AB,gunnims-ims,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Kim Roy,PA-9,AB,gunnims-ims,,,VERIFIED",
            "CERTIFYING_BODY,GunnIMS,Kim Roy,PA-9,AB,gunnims-ims,,,REVOKED",
            "CERTIFYING_BODY,GunnIMS,Lee Chan,PA-8,AB,gunnims-ims,,,VERIFIED"));
        var (report, changed) = plan.Apply(rows, [], "GunnIMS roster", dryRun: false, Now);
        Assert.Equal(["p1", "p2"], Assert.Single(report.Ambiguous).Candidates);
        Assert.Equal([3, 4], report.Conflicting.Where(c => c.PractitionerId == "p3").Select(c => c.Line));
        // Found by name, but the roster's registration number is not the practitioner's.
        Assert.Contains("PA-8", report.Conflicting.Single(c => c.PractitionerId == "p4").Reason, StringComparison.Ordinal);
        Assert.Empty(report.Matched);
        Assert.Empty(changed);
    }

    [Fact]
    public void A_regulators_roster_sets_the_standing_and_the_authorization_and_importing_it_again_changes_nothing()
    {
        var person = Person("p1", "Steve Hansen", "PA-1234");
        var (rows, _) = Read(string.Join('\n', Header,
            "REGULATOR,Physiotherapy Alberta,Steve Hansen,PA-1234,AB,dry-needling,,,ACTIVE",
            "REGULATOR,Physiotherapy Alberta,Steve Hansen,PA-1234,AB,,,,ACTIVE"));
        var (report, changed) = Plan((person, "AB")).Apply(rows, [], "Physiotherapy Alberta register", dryRun: false, Now);
        var registration = Assert.Single(changed).Registration!;
        Assert.True(registration.DryNeedlingAuthorized);
        Assert.Equal(RegistrationStatus.Active, registration.Status);
        Assert.Equal(ProvenanceSource.Regulator, registration.Source);
        Assert.Equal("Physiotherapy Alberta", registration.VerifiedBy);
        Assert.Equal(2, report.Matched.Count);

        // The roster applied to what it produced: nothing changes.
        var (again, unchanged) = Plan((changed[0], "AB")).Apply(rows, [], "Physiotherapy Alberta register", dryRun: false, Now.AddDays(1));
        Assert.Empty(unchanged);
        Assert.All(again.Matched, m => Assert.False(m.Changed));

        // Suspended by the regulator: the standing follows; off its dry-needling roster: no authorization.
        var (later, _) = Read(string.Join('\n', Header,
            "REGULATOR,Physiotherapy Alberta,Steve Hansen,PA-1234,AB,,,,SUSPENDED",
            "REGULATOR,Physiotherapy Alberta,Steve Hansen,PA-1234,AB,dry-needling,,,INACTIVE"));
        var (_, suspended) = Plan((changed[0], "AB")).Apply(later, [], "Physiotherapy Alberta register 2027", dryRun: false, Now.AddDays(30));
        Assert.Equal(RegistrationStatus.Suspended, suspended[0].Registration!.Status);
        Assert.False(suspended[0].Registration!.DryNeedlingAuthorized);
        // The practitioners given are not touched.
        Assert.True(changed[0].Registration!.DryNeedlingAuthorized);
    }

    [Fact]
    public void Any_input_is_read_or_reported_never_thrown()
    {
        var random = new Random(27);
        const string alphabet = "ab,\"\r\n\u00e9\u0000;|";
        for (var i = 0; i < 300; i++)
        {
            var body = new string([.. Enumerable.Range(0, random.Next(0, 400)).Select(_ => alphabet[random.Next(alphabet.Length)])]);
            var text = (i % 2 == 0 ? Header + "\n" : "") + body;
            var bytes = i % 3 == 0 ? [.. Encoding.UTF8.GetBytes(text), 0xFF, 0xFE] : Encoding.UTF8.GetBytes(text);
            using var stream = new MemoryStream(bytes);
            var (rows, problems) = RosterFile.Read(stream, Taxonomy);
            Assert.True(rows.Count + problems.Count >= 0);
            Assert.All(problems, p => Assert.False(string.IsNullOrWhiteSpace(p.Reason)));
        }
    }
}
