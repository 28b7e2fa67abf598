using System.Net;
using System.Text.Json.Nodes;

namespace ClinicDirectory.Api.Tests;

/// <summary>Clinics keeping their listings: keys, authorization at the object, versions, validation, audit.</summary>
public sealed class MutationApiTests : IClassFixture<DirectoryFactory>
{
    private const string Okotoks = "dynamic-physiotherapy-okotoks";
    private const string GrandePrairie = "hillstar-grande-prairie";
    private readonly DirectoryFactory _factory;

    public MutationApiTests(DirectoryFactory factory) => _factory = factory;

    private async Task<(HttpClient Client, string Secret, string KeyId)> ClinicKeyAsync(string clinicId)
    {
        var client = await _factory.ReadyClientAsync();
        var data = await client.DataAsync("""
            mutation($c: ID) { createApiKey(role: CLINIC, clinicId: $c, label: "front desk") { apiKey { id role clinicId } secret userErrors { code } } }
            """, new { c = clinicId }, DirectoryFactory.AdminKey);
        var payload = data["createApiKey"]!;
        Assert.Empty(payload["userErrors"]!.AsArray());
        return (client, payload["secret"]!.GetValue<string>(), payload["apiKey"]!["id"]!.GetValue<string>());
    }

    private static async Task<JsonNode> ClinicAsync(HttpClient client, string id) =>
        (await client.DataAsync("query($id: ID!) { clinic(id: $id) { id name version updatedAt hours { day opens closes } phone latitude longitude address { postalCode city } practitioners { id name } } }", new { id }))["clinic"]!;

    private static string Code(JsonNode payload) => payload["userErrors"]![0]!["code"]!.GetValue<string>();

    [Fact]
    public async Task A_clinic_key_edits_its_hours_and_adds_a_practitioner_and_search_shows_both()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var before = await ClinicAsync(client, GrandePrairie);
        var version = before["version"]!.GetValue<int>();

        var update = (await client.DataAsync("""
            mutation($id: ID!, $v: Int!) { updateClinic(id: $id, expectedVersion: $v, patch: { hours: [
                { day: MONDAY, opens: "08:00", closes: "18:00" }, { day: SATURDAY, opens: "09:00", closes: "13:00" } ] }) {
              clinic { version hours { day opens closes } } userErrors { field message code } } }
            """, new { id = GrandePrairie, v = version }, secret))["updateClinic"]!;
        Assert.Empty(update["userErrors"]!.AsArray());
        Assert.Equal(version + 1, update["clinic"]!["version"]!.GetValue<int>());

        var added = (await client.DataAsync("""
            mutation($c: ID!) { upsertPractitioner(clinicId: $c, input: { name: "Priya Hillstar", profession: PHYSIOTHERAPIST,
                registration: { regulator: "Physiotherapy Alberta College + Association", number: "12345", dryNeedlingAuthorized: true },
                credentials: [{ programId: "kinetacore-fdn-1", earnedOn: "2019-05-01" }], conditions: ["jaw pain"], languages: ["en", "hi"] }) {
              practitioner { id version credentials { id status program { id } } conditions { id } } userErrors { field message code } } }
            """, new { c = GrandePrairie }, secret))["upsertPractitioner"]!;
        Assert.Empty(added["userErrors"]!.AsArray());
        Assert.Equal("SELF_REPORTED", added["practitioner"]!["credentials"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("tmj", added["practitioner"]!["conditions"]![0]!["id"]!.GetValue<string>());

        // The very next search reflects both changes.
        const string search = """
            { searchClinics(filter: { location: { place: "Grande Prairie, AB", radiusKm: 5 }, text: "Priya" }) {
                totalCount edges { node { id hours { day opens } practitioners { name notices } } } facets { certifications { value count } } } }
            """;
        var found = (await client.DataAsync(search))["searchClinics"]!;
        var node = found["edges"]!.AsArray().Single(e => e!["node"]!["id"]!.GetValue<string>() == GrandePrairie)!["node"]!;
        var priya = node["practitioners"]!.AsArray().Single(p => p!["name"]!.GetValue<string>() == "Priya Hillstar")!;
        Assert.Equal("SATURDAY", node["hours"]![1]!["day"]!.GetValue<string>());
        // The clinic said she is authorized, but that is not the clinic's to say: in Alberta she leaves dry-needling
        // searches until the regulator's authorization is recorded, and her notice says so.
        Assert.Contains("College of Physiotherapists of Alberta", priya["notices"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        Assert.DoesNotContain(found["facets"]!["certifications"]!.AsArray(), f => f!["value"]!.GetValue<string>() == "kinetacore");

        // An admin records the authorization: her Kinetacore certification counts for the clinic.
        var id = added["practitioner"]!["id"]!.GetValue<string>();
        var authorized = (await client.DataAsync("""
            mutation($c: ID!, $id: ID, $v: Int) { upsertPractitioner(clinicId: $c, expectedVersion: $v, input: { id: $id, name: "Priya Hillstar", profession: PHYSIOTHERAPIST,
                registration: { regulator: "Physiotherapy Alberta College + Association", number: "12345", dryNeedlingAuthorized: true } }) {
              practitioner { notices registration { source } } userErrors { code } } }
            """, new { c = GrandePrairie, id, v = added["practitioner"]!["version"]!.GetValue<int>() }, DirectoryFactory.AdminKey))["upsertPractitioner"]!;
        Assert.Empty(authorized["practitioner"]!["notices"]!.AsArray());
        Assert.Equal("ADMIN", authorized["practitioner"]!["registration"]!["source"]!.GetValue<string>());
        found = (await client.DataAsync(search))["searchClinics"]!;
        Assert.Contains(found["facets"]!["certifications"]!.AsArray(), f => f!["value"]!.GetValue<string>() == "kinetacore");
    }

    [Fact]
    public async Task A_clinic_key_is_refused_on_another_clinic_and_nothing_changes()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var before = await ClinicAsync(client, Okotoks);

        var update = (await client.DataAsync("""
            mutation($id: ID!, $v: Int!) { updateClinic(id: $id, expectedVersion: $v, patch: { phone: "555-0000" }) { clinic { id } userErrors { field code } } }
            """, new { id = Okotoks, v = before["version"]!.GetValue<int>() }, secret))["updateClinic"]!;
        Assert.Equal("FORBIDDEN", Code(update));
        Assert.Null(update["clinic"]);

        var practitioner = (await client.DataAsync("""
            mutation { upsertPractitioner(clinicId: "dynamic-physiotherapy-okotoks", input: { name: "Intruder", profession: OTHER }) { practitioner { id } userErrors { code } } }
            """, null, secret))["upsertPractitioner"]!;
        Assert.Equal("FORBIDDEN", Code(practitioner));

        // A practitioner of another clinic, through this clinic's id.
        var steal = (await client.DataAsync("""
            mutation { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { id: "steve-hansen-okotoks", name: "Steve Hansen", profession: PHYSIOTHERAPIST }, expectedVersion: 1) { practitioner { id } userErrors { field code } } }
            """, null, secret))["upsertPractitioner"]!;
        Assert.Equal("FORBIDDEN", Code(steal));

        var remove = (await client.DataAsync("""
            mutation { removePractitioner(clinicId: "dynamic-physiotherapy-okotoks", practitionerId: "steve-hansen-okotoks") { removedId userErrors { code } } }
            """, null, secret))["removePractitioner"]!;
        Assert.Equal("FORBIDDEN", Code(remove));

        var after = await ClinicAsync(client, Okotoks);
        Assert.Equal(before.ToJsonString(), after.ToJsonString());
    }

    [Fact]
    public async Task A_stale_expected_version_is_refused_with_VERSION_CONFLICT()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var version = (await ClinicAsync(client, GrandePrairie))["version"]!.GetValue<int>();
        const string mutation = """
            mutation($v: Int!, $phone: String) { updateClinic(id: "hillstar-grande-prairie", expectedVersion: $v, patch: { phone: $phone }) { clinic { version phone } userErrors { field code } } }
            """;
        var first = (await client.DataAsync(mutation, new { v = version, phone = "780-539-1261" }, secret))["updateClinic"]!;
        Assert.Empty(first["userErrors"]!.AsArray());
        var stale = (await client.DataAsync(mutation, new { v = version, phone = "780-000-0000" }, secret))["updateClinic"]!;
        Assert.Equal("VERSION_CONFLICT", Code(stale));
        Assert.Equal("expectedVersion", stale["userErrors"]![0]!["field"]![0]!.GetValue<string>());
        Assert.Equal("780-539-1261", (await ClinicAsync(client, GrandePrairie))["phone"]!.GetValue<string>());
    }

    [Fact]
    public async Task Concurrent_editors_never_overwrite_each_other_silently()
    {
        var client = await _factory.ReadyClientAsync();
        var created = (await client.DataAsync("""
            mutation { createClinic(input: { name: "Concurrency Physio", address: { street: "1 Test St", city: "Calgary", region: "AB", postalCode: "T2P 1J9", country: "CA" }, latitude: 51.05, longitude: -114.07 }) { clinic { id version } userErrors { message } } }
            """, null, DirectoryFactory.AdminKey))["createClinic"]!["clinic"]!;
        var id = created["id"]!.GetValue<string>();
        var applied = 0;
        var conflicts = 0;

        await Task.WhenAll(Enumerable.Range(0, 16).Select(async worker =>
        {
            for (var attempt = 0; attempt < 4; attempt++)
            {
                var version = (await ClinicAsync(client, id))["version"]!.GetValue<int>();
                var payload = (await client.DataAsync("""
                    mutation($id: ID!, $v: Int!, $d: String) { updateClinic(id: $id, expectedVersion: $v, patch: { description: $d }) { clinic { version } userErrors { code } } }
                    """, new { id, v = version, d = $"worker {worker} attempt {attempt}" }, DirectoryFactory.AdminKey))["updateClinic"]!;
                if (payload["userErrors"]!.AsArray().Count == 0)
                {
                    Assert.Equal(version + 1, payload["clinic"]!["version"]!.GetValue<int>());
                    Interlocked.Increment(ref applied);
                }
                else
                {
                    Assert.Equal("VERSION_CONFLICT", Code(payload));
                    Interlocked.Increment(ref conflicts);
                }
            }
        }));

        Assert.Equal(64, applied + conflicts);
        Assert.True(applied >= 1);
        Assert.Equal(1 + applied, (await ClinicAsync(client, id))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Mutations_without_a_key_or_with_an_unknown_or_revoked_key_are_unauthenticated()
    {
        var client = await _factory.ReadyClientAsync();
        const string mutation = """mutation { updateClinic(id: "hillstar-grande-prairie", expectedVersion: 1, patch: { phone: "1" }) { clinic { id } userErrors { code } } }""";
        var (status, body) = await client.PostAsync(mutation);
        Assert.Equal(200, status);
        Assert.Equal("UNAUTHENTICATED", body.ErrorCode());

        (status, body) = await client.PostAsync(mutation, bearer: "cdk_not-a-real-key");
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.ErrorCode());

        var (_, secret, keyId) = await ClinicKeyAsync(GrandePrairie);
        var revoke = (await client.DataAsync("mutation($id: ID!) { revokeApiKey(id: $id) { removedId userErrors { code } } }", new { id = keyId }, DirectoryFactory.AdminKey))["revokeApiKey"]!;
        Assert.Equal(keyId, revoke["removedId"]!.GetValue<string>());
        (status, body) = await client.PostAsync("{ conditions { id } }", bearer: secret);
        Assert.Equal(401, status);
        Assert.Equal("UNAUTHENTICATED", body.ErrorCode());
    }

    [Fact]
    public async Task Only_admins_create_clinics_keys_and_verify_credentials()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var create = (await client.DataAsync("""
            mutation { createClinic(input: { name: "X", address: { street: "1", city: "Calgary", region: "AB", postalCode: "T2P 1J9", country: "CA" } }) { clinic { id } userErrors { code } } }
            """, null, secret))["createClinic"]!;
        Assert.Equal("FORBIDDEN", Code(create));
        var key = (await client.DataAsync("mutation { createApiKey(role: ADMIN) { secret userErrors { code } } }", null, secret))["createApiKey"]!;
        Assert.Equal("FORBIDDEN", Code(key));
        Assert.Null(key["secret"]);
        var verify = (await client.DataAsync("""
            mutation { verifyCredential(practitionerId: "steve-hansen-okotoks", credentialId: "cred-steve-hansen-gunnims", status: VERIFIED) { practitioner { id } userErrors { code } } }
            """, null, secret))["verifyCredential"]!;
        Assert.Equal("FORBIDDEN", Code(verify));
    }

    [Fact]
    public async Task Verification_is_an_admin_decision_that_verified_only_search_sees()
    {
        var client = await _factory.ReadyClientAsync();
        const string search = """{ searchClinics(filter: { location: { place: "Okotoks, AB", radiusKm: 5 }, certifications: ["gunnims"], verifiedOnly: true }, first: 100) { edges { node { id } } } }""";
        bool Listed(JsonNode data) => data["searchClinics"]!["edges"]!.AsArray().Any(e => e!["node"]!["id"]!.GetValue<string>() == Okotoks);

        // Alberta requires the College's authorization to use needles: an admin records it first (a test value).
        var before = (await client.DataAsync("{ practitioner(id: \"steve-hansen-okotoks\") { version notices } }"))["practitioner"]!;
        Assert.Contains("College of Physiotherapists of Alberta", before["notices"]![0]!.GetValue<string>(), StringComparison.Ordinal);
        await client.DataAsync("""
            mutation($v: Int) { upsertPractitioner(clinicId: "dynamic-physiotherapy-okotoks", expectedVersion: $v, input: { id: "steve-hansen-okotoks", name: "Steve Hansen", profession: PHYSIOTHERAPIST,
                registration: { regulator: "College of Physiotherapists of Alberta", number: "TEST-0001", dryNeedlingAuthorized: true } }) { userErrors { code } } }
            """, new { v = before["version"]!.GetValue<int>() }, DirectoryFactory.AdminKey);
        var version = (await client.DataAsync("{ practitioner(id: \"steve-hansen-okotoks\") { version } }"))["practitioner"]!["version"]!.GetValue<int>();
        var verify = (await client.DataAsync("""
            mutation { verifyCredential(practitionerId: "steve-hansen-okotoks", credentialId: "cred-steve-hansen-gunnims", status: VERIFIED, note: "Checked with the GunnIMS register.") {
              practitioner { version credentials { status verifiedAt } } userErrors { code } } }
            """, null, DirectoryFactory.AdminKey))["verifyCredential"]!;
        Assert.Empty(verify["userErrors"]!.AsArray());
        Assert.Equal("VERIFIED", verify["practitioner"]!["credentials"]![0]!["status"]!.GetValue<string>());
        Assert.NotNull(verify["practitioner"]!["credentials"]![0]!["verifiedAt"]);
        Assert.Equal(version + 1, verify["practitioner"]!["version"]!.GetValue<int>());
        Assert.True(Listed(await client.DataAsync(search)));

        var missing = (await client.DataAsync("""
            mutation { verifyCredential(practitionerId: "steve-hansen-okotoks", credentialId: "nope", status: VERIFIED) { userErrors { field code } } }
            """, null, DirectoryFactory.AdminKey))["verifyCredential"]!;
        Assert.Equal("NOT_FOUND", Code(missing));
    }

    [Fact]
    public async Task A_verification_records_who_checked_it_and_a_clinic_can_never_raise_its_own_trust()
    {
        var client = await _factory.ReadyClientAsync();
        var admin = (await client.DataAsync("""mutation { createApiKey(role: ADMIN, label: "credentials desk") { secret } }""", null, DirectoryFactory.AdminKey))["createApiKey"]!["secret"]!.GetValue<string>();
        var verified = (await client.DataAsync("""
            mutation { verifyCredential(practitionerId: "steve-hansen-okotoks", credentialId: "cred-steve-hansen-gunnims", status: VERIFIED, note: "Phoned the GunnIMS office.") {
              practitioner { credentials { status source verifiedBy verifiedAt provenance } } } }
            """, null, admin))["verifyCredential"]!["practitioner"]!["credentials"]![0]!;
        Assert.Equal("ADMIN", verified["source"]!.GetValue<string>());
        Assert.Equal("credentials desk", verified["verifiedBy"]!.GetValue<string>());
        Assert.Equal("Phoned the GunnIMS office.", verified["provenance"]!.GetValue<string>());
        Assert.NotNull(verified["verifiedAt"]);

        // A clinic key states a practitioner with an authorization and a credential: the authorization is not taken,
        // and both are the clinic's claims.
        var (clinic, secret, _) = await ClinicKeyAsync(GrandePrairie);
        const string upsert = """
            mutation($v: Int, $id: ID, $expires: Date, $authorized: Boolean) { upsertPractitioner(clinicId: "hillstar-grande-prairie", expectedVersion: $v, input: { id: $id, name: "Trust Test", profession: PHYSIOTHERAPIST,
              registration: { regulator: "Physiotherapy Alberta", number: "T-1", dryNeedlingAuthorized: $authorized },
              credentials: [{ programId: "gunnims-ims", earnedOn: "2020-01-01", expiresOn: $expires }] }) {
              practitioner { id version registration { dryNeedlingAuthorized source } credentials { id status source assertedAt } } userErrors { code } } }
            """;
        var created = (await clinic.DataAsync(upsert, new { v = (int?)null, id = (string?)null, expires = (string?)null, authorized = true }, secret))["upsertPractitioner"]!["practitioner"]!;
        Assert.False(created["registration"]!["dryNeedlingAuthorized"]!.GetValue<bool>());
        Assert.Equal("CLINIC", created["registration"]!["source"]!.GetValue<string>());
        Assert.Equal("CLINIC", created["credentials"]![0]!["source"]!.GetValue<string>());
        Assert.Equal("SELF_REPORTED", created["credentials"]![0]!["status"]!.GetValue<string>());
        Assert.NotNull(created["credentials"]![0]!["assertedAt"]);
        var id = created["id"]!.GetValue<string>();

        // An admin verifies it and authorizes the registration; the clinic then edits the credential's dates: the
        // edited credential is a new claim again, and the admin's authorization stays.
        var credentialId = created["credentials"]![0]!["id"]!.GetValue<string>();
        await client.DataAsync($$"""mutation { verifyCredential(practitionerId: "{{id}}", credentialId: "{{credentialId}}", status: VERIFIED) { practitioner { id } } }""", null, admin);
        var version = (await client.DataAsync($$"""{ practitioner(id: "{{id}}") { version } }"""))["practitioner"]!["version"]!.GetValue<int>();
        var authorized = (await client.DataAsync(upsert, new { v = version, id, expires = (string?)null, authorized = true }, admin))["upsertPractitioner"]!["practitioner"]!;
        Assert.True(authorized["registration"]!["dryNeedlingAuthorized"]!.GetValue<bool>());
        Assert.Equal("ADMIN", authorized["registration"]!["source"]!.GetValue<string>());
        Assert.Equal("VERIFIED", authorized["credentials"]![0]!["status"]!.GetValue<string>());

        var edited = (await clinic.DataAsync(upsert, new { v = authorized["version"]!.GetValue<int>(), id, expires = "2030-01-01", authorized = false }, secret))["upsertPractitioner"]!["practitioner"]!;
        Assert.Equal("SELF_REPORTED", edited["credentials"]![0]!["status"]!.GetValue<string>());
        Assert.Equal("CLINIC", edited["credentials"]![0]!["source"]!.GetValue<string>());
        // The clinic's false for the authorization does not remove the admin's either.
        Assert.True(edited["registration"]!["dryNeedlingAuthorized"]!.GetValue<bool>());
        Assert.Equal("ADMIN", edited["registration"]!["source"]!.GetValue<string>());
    }

    [Fact]
    public async Task Server_owned_fields_cannot_be_written()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var before = await ClinicAsync(client, GrandePrairie);
        foreach (var field in new[] { "version: 99", "updatedAt: \"2000-01-01T00:00:00Z\"" })
        {
            var (status, body) = await client.PostAsync($$"""mutation { updateClinic(id: "hillstar-grande-prairie", expectedVersion: 1, patch: { {{field}} }) { clinic { id } } }""", bearer: secret);
            Assert.Equal(400, status);
            Assert.NotNull(body.ErrorCode());
        }
        var (s, b) = await client.PostAsync("""
            mutation { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { name: "Self Verified", profession: PHYSIOTHERAPIST, credentials: [{ programId: "gunnims-ims", status: VERIFIED }] }) { practitioner { id } } }
            """, bearer: secret);
        Assert.Equal(400, s);
        Assert.NotNull(b.ErrorCode());
        Assert.Equal(before["version"]!.GetValue<int>(), (await ClinicAsync(client, GrandePrairie))["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Invalid_fields_come_back_with_their_paths_and_nothing_is_created()
    {
        var client = await _factory.ReadyClientAsync();
        var payload = (await client.DataAsync("""
            mutation { createClinic(input: { name: " ", email: "not-an-email", website: "javascript:alert(1)", phone: "call us",
                address: { street: "1 Main St", city: "Calgary", region: "ZZ", postalCode: "12345", country: "CA" },
                latitude: 95, longitude: -114,
                hours: [{ day: MONDAY, opens: "18:00", closes: "08:00" }, { day: TUESDAY, opens: "8am", closes: "17:00" }],
                conditions: ["neck pain", "broken heart"], languages: ["english"] }) { clinic { id } userErrors { field message code } } }
            """, null, DirectoryFactory.AdminKey))["createClinic"]!;
        Assert.Null(payload["clinic"]);
        var fields = payload["userErrors"]!.AsArray().Select(e => string.Join('.', e!["field"]!.AsArray().Select(f => f!.GetValue<string>()))).ToHashSet();
        foreach (var expected in new[] { "input.name", "input.email", "input.website", "input.phone", "input.address.region", "input.address.postalCode",
                     "input.latitude", "input.hours.0.closes", "input.hours.1.opens", "input.conditions.1", "input.languages.0" })
            Assert.Contains(expected, fields);
        Assert.All(payload["userErrors"]!.AsArray(), e => Assert.Equal("INVALID", e!["code"]!.GetValue<string>()));

        var practitioner = (await client.DataAsync("""
            mutation { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { name: "Bad Cred", profession: PHYSIOTHERAPIST,
                credentials: [{ programId: "hogwarts-dn", earnedOn: "2020-01-01" }, { programId: "gunnims-ims", earnedOn: "2030-01-01" }] }) { practitioner { id } userErrors { field code } } }
            """, null, DirectoryFactory.AdminKey))["upsertPractitioner"]!;
        var paths = practitioner["userErrors"]!.AsArray().Select(e => string.Join('.', e!["field"]!.AsArray().Select(f => f!.GetValue<string>()))).ToList();
        Assert.Contains("input.credentials.0.programId", paths);
        Assert.Contains("input.credentials.1.earnedOn", paths);
        var missing = (await client.DataAsync("""{ searchPractitioners(filter: { text: "Bad Cred" }) { totalCount } }"""))["searchPractitioners"]!;
        Assert.Equal(0, missing["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task A_new_address_without_coordinates_is_placed_by_the_gazetteer_and_says_so()
    {
        var client = await _factory.ReadyClientAsync();
        var created = (await client.DataAsync("""
            mutation { createClinic(input: { name: "Moving Physio", address: { street: "10 King St", city: "Toronto", region: "ON", postalCode: "M5H 2N2", country: "CA" } }) {
              clinic { id version latitude longitude } notices userErrors { message } } }
            """, null, DirectoryFactory.AdminKey))["createClinic"]!;
        Assert.Empty(created["userErrors"]!.AsArray());
        Assert.InRange(created["clinic"]!["latitude"]!.GetValue<double>(), 43.5, 43.8);
        Assert.Contains("M5H", created["notices"]![0]!.GetValue<string>(), StringComparison.Ordinal);

        var id = created["clinic"]!["id"]!.GetValue<string>();
        var moved = (await client.DataAsync("""
            mutation($id: ID!) { updateClinic(id: $id, expectedVersion: 1, patch: { address: { street: "1 Southridge Dr", city: "Okotoks", region: "AB", postalCode: "T1S 2N3", country: "CA" } }) {
              clinic { latitude longitude } notices userErrors { message } } }
            """, new { id }, DirectoryFactory.AdminKey))["updateClinic"]!;
        Assert.InRange(moved["clinic"]!["latitude"]!.GetValue<double>(), 50.6, 50.8);
        Assert.NotEmpty(moved["notices"]!.AsArray());
        var near = (await client.DataAsync("""{ searchClinics(filter: { text: "Moving Physio", location: { place: "Okotoks, AB", radiusKm: 10 } }) { totalCount } }"""))["searchClinics"]!;
        Assert.Equal(1, near["totalCount"]!.GetValue<int>());
    }

    [Fact]
    public async Task Updating_a_practitioner_needs_its_version_and_keeps_verified_credentials_that_did_not_change()
    {
        var client = await _factory.ReadyClientAsync();
        var created = (await client.DataAsync("""
            mutation { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { name: "Vera Verified", profession: PHYSIOTHERAPIST,
                credentials: [{ programId: "gunnims-ims", earnedOn: "2018-03-01" }] }) { practitioner { id version credentials { id } } userErrors { message } } }
            """, null, DirectoryFactory.AdminKey))["upsertPractitioner"]!["practitioner"]!;
        var id = created["id"]!.GetValue<string>();
        var credentialId = created["credentials"]![0]!["id"]!.GetValue<string>();
        await client.DataAsync("mutation($p: ID!, $c: ID!) { verifyCredential(practitionerId: $p, credentialId: $c, status: VERIFIED) { userErrors { code } } }",
            new { p = id, c = credentialId }, DirectoryFactory.AdminKey);

        var noVersion = (await client.DataAsync("""
            mutation($id: ID!) { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { id: $id, name: "Vera V.", profession: PHYSIOTHERAPIST }) { userErrors { field code } } }
            """, new { id }, DirectoryFactory.AdminKey))["upsertPractitioner"]!;
        Assert.Equal("INVALID", Code(noVersion));

        var updated = (await client.DataAsync("""
            mutation($id: ID!) { upsertPractitioner(clinicId: "hillstar-grande-prairie", expectedVersion: 2, input: { id: $id, name: "Vera V.", profession: PHYSIOTHERAPIST,
                credentials: [{ programId: "gunnims-ims", earnedOn: "2018-03-01" }, { programId: "kinetacore-fdn-1" }] }) {
              practitioner { name version credentials { program { id } status } } userErrors { field code } } }
            """, new { id }, DirectoryFactory.AdminKey))["upsertPractitioner"]!;
        Assert.Empty(updated["userErrors"]!.AsArray());
        var statuses = updated["practitioner"]!["credentials"]!.AsArray().ToDictionary(c => c!["program"]!["id"]!.GetValue<string>(), c => c!["status"]!.GetValue<string>());
        Assert.Equal("VERIFIED", statuses["gunnims-ims"]);
        Assert.Equal("SELF_REPORTED", statuses["kinetacore-fdn-1"]);
        Assert.Equal(3, updated["practitioner"]!["version"]!.GetValue<int>());
    }

    [Fact]
    public async Task Removing_a_practitioner_takes_them_off_the_listing_and_out_of_search()
    {
        var (client, secret, _) = await ClinicKeyAsync(GrandePrairie);
        var id = (await client.DataAsync("""
            mutation { upsertPractitioner(clinicId: "hillstar-grande-prairie", input: { name: "Leaving Soon", profession: CHIROPRACTOR, credentials: [{ programId: "myopain-dn" }] }) { practitioner { id } } }
            """, null, secret))["upsertPractitioner"]!["practitioner"]!["id"]!.GetValue<string>();
        const string byBody = """{ searchClinics(filter: { certifications: ["myopain"], location: { place: "Grande Prairie, AB", radiusKm: 5 } }) { edges { node { id } } } }""";
        Assert.Contains((await client.DataAsync(byBody))["searchClinics"]!["edges"]!.AsArray(), e => e!["node"]!["id"]!.GetValue<string>() == GrandePrairie);

        var removed = (await client.DataAsync("mutation($p: ID!) { removePractitioner(clinicId: \"hillstar-grande-prairie\", practitionerId: $p) { removedId userErrors { code } } }", new { p = id }, secret))["removePractitioner"]!;
        Assert.Equal(id, removed["removedId"]!.GetValue<string>());
        Assert.DoesNotContain((await client.DataAsync(byBody))["searchClinics"]!["edges"]!.AsArray(), e => e!["node"]!["id"]!.GetValue<string>() == GrandePrairie);
        Assert.Null((await client.DataAsync("query($p: ID!) { practitioner(id: $p) { id } }", new { p = id }))["practitioner"]);

        var again = (await client.DataAsync("mutation($p: ID!) { removePractitioner(clinicId: \"hillstar-grande-prairie\", practitionerId: $p) { removedId userErrors { code } } }", new { p = id }, secret))["removePractitioner"]!;
        Assert.Equal("NOT_FOUND", Code(again));
    }

    [Fact]
    public async Task Every_accepted_change_is_in_the_audit_log_and_a_clinic_reads_only_its_own()
    {
        var (client, secret, keyId) = await ClinicKeyAsync(GrandePrairie);
        var version = (await ClinicAsync(client, GrandePrairie))["version"]!.GetValue<int>();
        await client.DataAsync("mutation($v: Int!) { updateClinic(id: \"hillstar-grande-prairie\", expectedVersion: $v, patch: { acceptingNewPatients: true }) { userErrors { code } } }", new { v = version }, secret);

        var log = (await client.DataAsync("{ auditLog(first: 100) { entries { keyId role clinicId action objectId changedFields version at } pageInfo { hasNextPage endCursor } } }", null, DirectoryFactory.AdminKey))["auditLog"]!;
        var entry = log["entries"]!.AsArray().First(e => e!["keyId"]!.GetValue<string>() == keyId)!;
        Assert.Equal("updateClinic", entry["action"]!.GetValue<string>());
        Assert.Equal("CLINIC", entry["role"]!.GetValue<string>());
        Assert.Equal(["acceptingNewPatients"], entry["changedFields"]!.AsArray().Select(f => f!.GetValue<string>()));
        Assert.Contains(log["entries"]!.AsArray(), e => e!["action"]!.GetValue<string>() == "createApiKey");

        var own = (await client.DataAsync("{ auditLog { entries { clinicId } } }", null, secret))["auditLog"]!;
        Assert.All(own["entries"]!.AsArray(), e => Assert.Equal(GrandePrairie, e!["clinicId"]!.GetValue<string>()));
        var (_, other) = await client.PostAsync("{ auditLog(clinicId: \"dynamic-physiotherapy-okotoks\") { entries { clinicId } } }", bearer: secret);
        Assert.Equal("FORBIDDEN", other.ErrorCode());
        var (_, anonymous) = await client.PostAsync("{ auditLog { entries { clinicId } } }");
        Assert.Equal("UNAUTHENTICATED", anonymous.ErrorCode());
    }

    [Fact]
    public async Task A_mutation_over_GET_is_refused()
    {
        var client = await _factory.ReadyClientAsync();
        var query = Uri.EscapeDataString("mutation { revokeApiKey(id: \"x\") { removedId } }");
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri("/graphql?query=" + query, UriKind.Relative));
        request.Headers.Authorization = new("Bearer", DirectoryFactory.AdminKey);
        var response = await client.SendAsync(request);
        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("POST", response.Content.Headers.Allow.Single());
        Assert.Contains("METHOD_NOT_ALLOWED", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
