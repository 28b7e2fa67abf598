using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

/// <summary>A certifying body's roster imported through the API, on the seeded directory.</summary>
public sealed class RosterImportTests : IClassFixture<DirectoryFactory>
{
    private const string Okotoks = "dynamic-physiotherapy-okotoks";

    private readonly DirectoryFactory _factory;

    public RosterImportTests(DirectoryFactory factory) => _factory = factory;

    private const string Roster = """
        source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status
        CERTIFYING_BODY,GunnIMS,STEVE HANSEN,,AB,gunnims-ims,2015-06-01,,VERIFIED
        CERTIFYING_BODY,GunnIMS,Mei Roy (sample),SAMPLE-92838,NB,gunnims-ims,,,VERIFIED
        CERTIFYING_BODY,GunnIMS,Not In The Directory,,AB,gunnims-ims,,,VERIFIED
        CERTIFYING_BODY,GunnIMS,Bad Row,,AB,gunnims-ims,June 2015,,VERIFIED
        """;

    private const string Mei = "sample-practitioner-0000028";

    // A (fictional) physiotherapist in New Brunswick, where no rule of the seed asks for more than the credential.
    private const string VerifiedInFredericton = """
        { searchPractitioners(filter: { location: { place: "Fredericton, NB", radiusKm: 10 }, certifications: ["gunnims"], verifiedOnly: true }, first: 50) {
            totalCount edges { node { id } } facets { certifications { value count } } } }
        """;

    // A (test) register of Alberta's College: the authorization to use needles that Alberta requires.
    private const string Register = """
        source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status
        REGULATOR,College of Physiotherapists of Alberta,Steve Hansen,TEST-0001,AB,dry-needling,,,ACTIVE
        """;

    private const string Import = """
        mutation($csv: String!, $dry: Boolean) { importRoster(name: "GunnIMS roster 2026-12", csv: $csv, dryRun: $dry) {
          report { rows dryRun changed matched { line practitionerId by changed } unmatched bad { line reason } } userErrors { code } } }
        """;

    private const string VerifiedSearch = """
        { searchClinics(filter: { location: { place: "Okotoks, AB", radiusKm: 5 }, certifications: ["gunnims"], verifiedOnly: true }, first: 50) {
            totalCount edges { node { id } } facets { certifications { value count } } } }
        """;

    private static (List<string> Ids, int Total, int? GunnImsFacet) Found(JsonNode data)
    {
        var result = data["searchClinics"]!;
        var facet = result["facets"]!["certifications"]!.AsArray().FirstOrDefault(f => f!["value"]!.GetValue<string>() == "gunnims");
        return ([.. result["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())], result["totalCount"]!.GetValue<int>(), facet?["count"]!.GetValue<int>());
    }

    private static (List<string> Ids, int Total, int? GunnImsFacet) FoundPractitioners(JsonNode data)
    {
        var result = data["searchPractitioners"]!;
        var facet = result["facets"]!["certifications"]!.AsArray().FirstOrDefault(f => f!["value"]!.GetValue<string>() == "gunnims");
        return ([.. result["edges"]!.AsArray().Select(e => e!["node"]!["id"]!.GetValue<string>())], result["totalCount"]!.GetValue<int>(), facet?["count"]!.GetValue<int>());
    }

    [Fact]
    public async Task Importing_a_GunnIMS_roster_verifies_the_matching_credential_with_provenance_and_changes_verified_only_results_and_facets()
    {
        var client = await _factory.ReadyClientAsync();
        var before = Found(await client.DataAsync(VerifiedSearch));
        Assert.DoesNotContain(Okotoks, before.Ids);
        var meiBefore = FoundPractitioners(await client.DataAsync(VerifiedInFredericton));
        Assert.DoesNotContain(Mei, meiBefore.Ids);

        // A dry run reports and writes nothing.
        var dry = (await client.DataAsync(Import, new { csv = Roster, dry = true }, DirectoryFactory.AdminKey))["importRoster"]!["report"]!;
        Assert.True(dry["dryRun"]!.GetValue<bool>());
        Assert.Equal(4, dry["rows"]!.GetValue<int>());
        Assert.Equal([Mei, "steve-hansen-okotoks"], dry["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(4, dry["unmatched"]![0]!.GetValue<int>());
        Assert.Equal(5, dry["bad"]![0]!["line"]!.GetValue<int>());
        var unchanged = Found(await client.DataAsync(VerifiedSearch));
        Assert.Equal(before.Ids, unchanged.Ids);
        Assert.Equal((before.Total, before.GunnImsFacet), (unchanged.Total, unchanged.GunnImsFacet));

        var report = (await client.DataAsync(Import, new { csv = Roster, dry = false }, DirectoryFactory.AdminKey))["importRoster"]!["report"]!;
        var matched = report["matched"]!.AsArray().Select(m => (m!["practitionerId"]!.GetValue<string>(), m["by"]!.GetValue<string>(), m["changed"]!.GetValue<bool>())).ToList();
        Assert.Equal([("steve-hansen-okotoks", "name", true), (Mei, "registration", true)], matched);

        // The GunnIMS roster alone: Mei Roy is now a verified GunnIMS result near Fredericton, and counted in the facet.
        var meiAfter = FoundPractitioners(await client.DataAsync(VerifiedInFredericton));
        Assert.Contains(Mei, meiAfter.Ids);
        Assert.Equal(meiBefore.Total + 1, meiAfter.Total);
        Assert.Equal((meiBefore.GunnImsFacet ?? 0) + 1, meiAfter.GunnImsFacet);

        var credential = (await client.DataAsync("""{ practitioner(id: "steve-hansen-okotoks") { credentials { status source verifiedBy verifiedAt provenance earnedOn } } }"""))["practitioner"]!["credentials"]![0]!;
        // Verified, but Alberta also requires the College's authorization: not yet a result.
        Assert.DoesNotContain(Okotoks, Found(await client.DataAsync(VerifiedSearch)).Ids);
        var register = (await client.DataAsync(Import.Replace("GunnIMS roster 2026-12", "Alberta register 2026-12", StringComparison.Ordinal), new { csv = Register, dry = false }, DirectoryFactory.AdminKey))["importRoster"]!["report"]!;
        Assert.Equal(["steve-hansen-okotoks"], register["changed"]!.AsArray().Select(c => c!.GetValue<string>()));
        var registration = (await client.DataAsync("""{ practitioner(id: "steve-hansen-okotoks") { notices registration { number dryNeedlingAuthorized source verifiedBy } } }"""))["practitioner"]!;
        Assert.Empty(registration["notices"]!.AsArray());
        Assert.True(registration["registration"]!["dryNeedlingAuthorized"]!.GetValue<bool>());
        Assert.Equal(("REGULATOR", "College of Physiotherapists of Alberta"), (registration["registration"]!["source"]!.GetValue<string>(), registration["registration"]!["verifiedBy"]!.GetValue<string>()));
        Assert.Equal("VERIFIED", credential["status"]!.GetValue<string>());
        Assert.Equal("CERTIFYING_BODY", credential["source"]!.GetValue<string>());
        Assert.Equal("GunnIMS roster", credential["verifiedBy"]!.GetValue<string>());
        Assert.Equal("GunnIMS roster 2026-12", credential["provenance"]!.GetValue<string>());
        Assert.Equal("2015-06-01", credential["earnedOn"]!.GetValue<string>());
        Assert.NotNull(credential["verifiedAt"]);

        // The verified-only search now finds the clinic, and its facet counts it.
        var after = Found(await client.DataAsync(VerifiedSearch));
        Assert.Contains(Okotoks, after.Ids);
        Assert.Equal(before.Total + 1, after.Total);
        Assert.Equal((before.GunnImsFacet ?? 0) + 1, after.GunnImsFacet);

        // In the audit log as one import, and for the clinic's own entries.
        var audit = (await client.DataAsync("""{ auditLog(first: 10) { entries { action objectType objectId clinicId note } } }""", null, DirectoryFactory.AdminKey))["auditLog"]!["entries"]!.AsArray();
        Assert.Contains(audit, e => e!["objectType"]!.GetValue<string>() == "Roster" && e["note"]!.GetValue<string>().StartsWith("GunnIMS roster 2026-12: 4 rows", StringComparison.Ordinal));
        Assert.Contains(audit, e => e!["objectType"]!.GetValue<string>() == "Practitioner" && e["objectId"]!.GetValue<string>() == "steve-hansen-okotoks"
            && e["action"]!.GetValue<string>() == "importRoster" && e["clinicId"]!.GetValue<string>() == Okotoks);

        // Again: nothing changes.
        var again = (await client.DataAsync(Import, new { csv = Roster, dry = false }, DirectoryFactory.AdminKey))["importRoster"]!["report"]!;
        Assert.Empty(again["changed"]!.AsArray());
    }

    [Fact]
    public async Task Only_admins_import_rosters()
    {
        var client = await _factory.ReadyClientAsync();
        var partner = (await client.DataAsync("""mutation { createApiKey(role: PARTNER, label: "p") { secret } }""", null, DirectoryFactory.AdminKey))["createApiKey"]!["secret"]!.GetValue<string>();
        var (status, body) = await client.PostAsync(Import, new { csv = Roster, dry = false }, partner);
        Assert.True(status < 500);
        var code = body["errors"]?[0]?["extensions"]?["code"]?.GetValue<string>() ?? body["data"]?["importRoster"]?["userErrors"]?[0]?["code"]?.GetValue<string>();
        Assert.Equal("FORBIDDEN", code);
    }
}

/// <summary>The import-roster command on a stopped service's data directory.</summary>
public sealed class ImportRosterCommandTests : IDisposable
{
    private readonly TempDirectory _data = new("clinicdirectory-roster");

    public void Dispose() => _data.Dispose();

    [Fact]
    public async Task The_command_reports_a_dry_run_then_imports_and_the_service_serves_the_result()
    {
        using (var service = ServiceProcess.Start(_data.Path))
            await service.WaitReadyAsync();
        Directory.CreateDirectory(_data.Path);
        var roster = Path.Combine(_data.Path, "gunnims-2026-12.csv");
        // With a byte order mark, as spreadsheet programs write UTF-8.
        await File.WriteAllTextAsync(roster, """
            source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status
            CERTIFYING_BODY,GunnIMS,Steve Hansen,,AB,gunnims-ims,,,VERIFIED
            CERTIFYING_BODY,GunnIMS,"Hansen, Steve",,AB,gunnims-ims,not a date,,VERIFIED
            """, new System.Text.UTF8Encoding(encoderShouldEmitUTF8Identifier: true));

        using (var dry = ServiceProcess.Start(_data.Path, arguments: ["import-roster", "--file", roster, "--dry-run"]))
        {
            Assert.True(dry.WaitForExit(TimeSpan.FromSeconds(90)), "the dry run kept running");
            Assert.Equal(0, dry.ExitCode);
            Assert.Contains("Dry run of \"gunnims-2026-12\": 2 rows, 1 matched (0 by registration number, 1 by name), 1 practitioners would change.", dry.Output, StringComparison.Ordinal);
            Assert.Contains("Bad row: line 3: earned_on \"not a date\" is not a date (YYYY-MM-DD).", dry.Output, StringComparison.Ordinal);
        }
        using (var import = ServiceProcess.Start(_data.Path, arguments: ["import-roster", "--file", roster]))
        {
            Assert.True(import.WaitForExit(TimeSpan.FromSeconds(90)), "the import kept running");
            Assert.Equal(0, import.ExitCode);
            Assert.Contains("Matching against", import.Output, StringComparison.Ordinal);
            Assert.Contains("1 practitioners changed.", import.Output, StringComparison.Ordinal);
        }
        using (var service = ServiceProcess.Start(_data.Path))
        {
            await service.WaitReadyAsync();
            var credential = (await service.Client.DataAsync("""{ practitioner(id: "steve-hansen-okotoks") { credentials { status provenance } } }"""))["practitioner"]!["credentials"]![0]!;
            Assert.Equal("VERIFIED", credential["status"]!.GetValue<string>());
            Assert.Equal("gunnims-2026-12", credential["provenance"]!.GetValue<string>());
        }
        using var missing = ServiceProcess.Start(_data.Path, arguments: ["import-roster"]);
        Assert.True(missing.WaitForExit(TimeSpan.FromSeconds(90)));
        Assert.Equal(2, missing.ExitCode);
        Assert.Contains("usage: import-roster --file", missing.Output, StringComparison.Ordinal);
    }
}
