using System.Globalization;
using System.Security.Cryptography;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Editing;

/// <summary>
/// Every change to listings: authorization at the object, optimistic concurrency, validation with field
/// paths, and an audit record. A change is read from and written to the store of record, its listings, audit entry
/// and change-log entries in one transaction, each update only where the stored version is the one it was made
/// against (the database checks it, also against other processes). It returns after that commit and after the
/// local index shows it. Within a process, changes are made one at a time.
/// </summary>
public sealed class DirectoryEditor(IDirectoryStore store, DirectoryProjector projector, DirectoryTaxonomy taxonomy, Gazetteer gazetteer, TimeProvider time) : IDisposable
{
    private readonly SemaphoreSlim _lock = new(1, 1);

    public Task<EditResult<Clinic>> CreateClinicAsync(Caller caller, ClinicChanges input, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.IsAdmin) return Forbidden<Clinic>([], "Only an admin key may create clinics.");
        var clinic = new Clinic { Id = NewId(input.Name), Version = 0 };
        var errors = new List<UserError>();
        var notices = new List<string>();
        var changed = Apply(clinic, input, "input", errors);
        if (!input.Present.Contains("latitude") && !input.Present.Contains("longitude"))
            Place(clinic, "input", errors, notices);
        ListingValidator.Clinic(clinic, "input", errors);
        if (errors.Count > 0) return EditResult<Clinic>.Refused(errors);

        Stamp(clinic);
        return await CommitAsync(new StoreChange
        {
            Clinics = [(clinic, null)],
            Audit = Audit(caller, "createClinic", "Clinic", clinic.Id, clinic.Id, changed, clinic.Version),
        }, new EditResult<Clinic> { Value = clinic, Notices = notices }, ct);
    });

    public Task<EditResult<Clinic>> UpdateClinicAsync(Caller caller, string id, int expectedVersion, ClinicChanges patch, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.MayEdit(id)) return Forbidden<Clinic>(["id"], "This key may not change that clinic.");
        var clinic = await LoadClinic(id, ct);
        if (clinic is null) return NotFound<Clinic>(["id"], $"No clinic \"{id}\".");
        if (clinic.Version != expectedVersion) return Conflict<Clinic>(clinic.Version);

        var errors = new List<UserError>();
        var notices = new List<string>();
        var changed = Apply(clinic, patch, "patch", errors);
        if (patch.Present.Contains("address") && !patch.Present.Contains("latitude") && !patch.Present.Contains("longitude"))
            Place(clinic, "patch", errors, notices);
        ListingValidator.Clinic(clinic, "patch", errors);
        if (errors.Count > 0) return EditResult<Clinic>.Refused(errors);

        Stamp(clinic);
        return await CommitAsync(new StoreChange
        {
            Clinics = [(clinic, expectedVersion)],
            Audit = Audit(caller, "updateClinic", "Clinic", clinic.Id, clinic.Id, changed, clinic.Version),
        }, new EditResult<Clinic> { Value = clinic, Notices = notices }, ct);
    });

    public Task<EditResult<Practitioner>> UpsertPractitionerAsync(Caller caller, string clinicId, PractitionerChanges input, int? expectedVersion, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.MayEdit(clinicId)) return Forbidden<Practitioner>(["clinicId"], "This key may not change that clinic's practitioners.");
        if (await LoadClinic(clinicId, ct) is null) return NotFound<Practitioner>(["clinicId"], $"No clinic \"{clinicId}\".");

        Practitioner practitioner;
        var creating = input.Id is null;
        if (creating)
        {
            practitioner = new Practitioner { Id = NewId(input.Name), Version = 0, ClinicIds = [clinicId] };
        }
        else
        {
            var existing = await LoadPractitioner(input.Id!, ct);
            if (existing is null || !caller.IsAdmin && !existing.ClinicIds.Contains(clinicId))
            {
                // A clinic key learns nothing about practitioners of other clinics.
                return existing is null
                    ? NotFound<Practitioner>(["input", "id"], $"No practitioner \"{input.Id}\".")
                    : Forbidden<Practitioner>(["input", "id"], "That practitioner is not listed at this clinic.");
            }
            if (expectedVersion is null)
                return EditResult<Practitioner>.Refused(ListingValidator.Invalid(["expectedVersion"], "expectedVersion is required to change an existing practitioner."));
            if (existing.Version != expectedVersion) return Conflict<Practitioner>(existing.Version);
            practitioner = existing;
            if (!practitioner.ClinicIds.Contains(clinicId)) practitioner.ClinicIds.Add(clinicId);
        }

        var previousClinics = practitioner.ClinicIds.ToList();
        var errors = new List<UserError>();
        var changed = Apply(caller, practitioner, input, creating, errors);
        ListingValidator.Practitioner(practitioner, "input", errors);
        if (errors.Count > 0) return EditResult<Practitioner>.Refused(errors);

        var stored = practitioner.Version;
        Stamp(practitioner);
        return await CommitAsync(new StoreChange
        {
            Practitioners = [(practitioner, creating ? null : stored)],
            ClinicIds = [.. previousClinics.Union(practitioner.ClinicIds)],
            Audit = Audit(caller, creating ? "upsertPractitioner:create" : "upsertPractitioner:update", "Practitioner", practitioner.Id, clinicId, changed, practitioner.Version),
        }, new EditResult<Practitioner> { Value = practitioner }, ct);
    });

    public Task<EditResult<string>> RemovePractitionerAsync(Caller caller, string clinicId, string practitionerId, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.MayEdit(clinicId)) return Forbidden<string>(["clinicId"], "This key may not change that clinic's practitioners.");
        var practitioner = await LoadPractitioner(practitionerId, ct);
        if (practitioner is null || !practitioner.ClinicIds.Contains(clinicId))
            return NotFound<string>(["practitionerId"], $"No practitioner \"{practitionerId}\" at clinic \"{clinicId}\".");

        var stored = practitioner.Version;
        var formerClinics = practitioner.ClinicIds.ToList();
        practitioner.ClinicIds.Remove(clinicId);
        var removed = practitioner.ClinicIds.Count == 0;
        if (!removed) Stamp(practitioner);
        var audit = Audit(caller, "removePractitioner", "Practitioner", practitionerId, clinicId, ["clinics"], removed ? null : practitioner.Version);
        return await CommitAsync(removed
            ? new StoreChange { DeletedPractitioners = [(practitionerId, stored)], ClinicIds = formerClinics, Audit = audit }
            : new StoreChange { Practitioners = [(practitioner, stored)], ClinicIds = formerClinics, Audit = audit },
            new EditResult<string> { Value = practitionerId }, ct);
    });

    public Task<EditResult<Practitioner>> VerifyCredentialAsync(Caller caller, string practitionerId, string credentialId, VerificationStatus status, string? note, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.IsAdmin) return Forbidden<Practitioner>([], "Only an admin key may verify credentials.");
        if (note is { Length: > ListingValidator.MaxText })
            return EditResult<Practitioner>.Refused(ListingValidator.Invalid(["note"], $"note must be at most {ListingValidator.MaxText} characters."));
        var practitioner = await LoadPractitioner(practitionerId, ct);
        if (practitioner is null) return NotFound<Practitioner>(["practitionerId"], $"No practitioner \"{practitionerId}\".");
        var credential = practitioner.Credentials.FirstOrDefault(c => c.Id == credentialId);
        if (credential is null) return NotFound<Practitioner>(["credentialId"], $"No credential \"{credentialId}\" on that practitioner.");

        credential.Status = status;
        credential.VerifiedAt = status == VerificationStatus.Verified ? time.GetUtcNow() : null;
        // The admin who checked it stands behind it now, with the note saying how.
        credential.Source = ProvenanceSource.Admin;
        credential.AssertedAt = time.GetUtcNow();
        credential.VerifiedBy = caller.Label ?? caller.KeyId;
        credential.Provenance = note;
        var stored = practitioner.Version;
        Stamp(practitioner);
        return await CommitAsync(new StoreChange
        {
            Practitioners = [(practitioner, stored)],
            ClinicIds = practitioner.ClinicIds,
            Audit = Audit(caller, "verifyCredential", "Credential", credentialId, practitioner.ClinicIds.FirstOrDefault(), ["credentials.status"], practitioner.Version, note),
        }, new EditResult<Practitioner> { Value = practitioner }, ct);
    });

    /// <summary>
    /// Imports a certifying body's or a regulator's roster (admins only): the rows are read and matched
    /// (<see cref="RosterFile"/>, <see cref="RosterPlan"/>), and every practitioner it changes is written in one
    /// transaction with an audit entry for the import and one for each practitioner. A dry run reports the same and
    /// writes nothing. <paramref name="progress"/> hears what the import is doing on long rosters.
    /// </summary>
    public Task<EditResult<RosterReport>> ImportRosterAsync(Caller caller, Stream roster, string name, bool dryRun, IProgress<string>? progress, CancellationToken ct) => Serialized(async () =>
    {
        if (!caller.IsAdmin) return Forbidden<RosterReport>([], "Only an admin key may import rosters.");
        name = name.Trim();
        if (name.Length is 0 or > 200) return EditResult<RosterReport>.Refused(ListingValidator.Invalid(["name"], "name must be 1 to 200 characters: the roster's name, e.g. \"GunnIMS roster 2026-12\"."));
        var (rows, bad) = RosterFile.Read(roster, taxonomy, progress is null ? null : new RowsRead(progress));
        progress?.Report($"Read {rows.Count + bad.Count} rows: {rows.Count} to match, {bad.Count} that could not be read.");

        var regions = new Dictionary<string, string>(StringComparer.Ordinal);
        await foreach (var page in store.ReadClinicsAsync(5_000, ct))
            foreach (var clinic in page) regions[clinic.Id] = clinic.Address.Region.ToUpperInvariant();
        var practitioners = new List<(Practitioner, IReadOnlyCollection<string>)>();
        await foreach (var page in store.ReadPractitionersAsync(5_000, ct))
            foreach (var p in page) practitioners.Add((p, [.. p.ClinicIds.Select(regions.GetValueOrDefault).OfType<string>().Distinct()]));
        progress?.Report($"Matching against {practitioners.Count} practitioners.");

        var stored = practitioners.ToDictionary(p => p.Item1.Id, p => p.Item1.Version, StringComparer.Ordinal);
        var (report, changed) = new RosterPlan(practitioners).Apply(rows, bad, name, dryRun, time.GetUtcNow());
        progress?.Report($"{report.Matched.Count} rows matched, {report.Unmatched.Count} unmatched, {report.Ambiguous.Count} ambiguous, {report.Conflicting.Count} conflicting; {changed.Count} practitioners to change.");
        if (dryRun || changed.Count == 0) return new EditResult<RosterReport> { Value = report };

        foreach (var p in changed) Stamp(p);
        var lines = report.Matched.Where(m => m.Changed).ToLookup(m => m.PractitionerId, m => m.Line, StringComparer.Ordinal);
        var importId = "roster-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));
        var result = await CommitAsync(new StoreChange
        {
            Practitioners = [.. changed.Select(p => (p, (int?)stored[p.Id]))],
            ClinicIds = [.. changed.SelectMany(p => p.ClinicIds).Distinct(StringComparer.Ordinal)],
            ClinicIdsByPractitioner = changed.ToDictionary(p => p.Id, p => (IReadOnlyList<string>)p.ClinicIds, StringComparer.Ordinal),
            Audit = Audit(caller, "importRoster", "Roster", importId, null, ["credentials", "registration"], null,
                $"{name}: {report.Rows} rows, {report.Matched.Count} matched, {changed.Count} practitioners changed, {report.Unmatched.Count} unmatched, {report.Ambiguous.Count} ambiguous, {report.Conflicting.Count} conflicting, {report.Bad.Count} bad."),
            MoreAudit = [.. changed.Select(p => Audit(caller, "importRoster", "Practitioner", p.Id, p.ClinicIds.FirstOrDefault(),
                ["credentials", "registration"], p.Version, $"{name} ({importId}), line {string.Join(", ", lines[p.Id])}"))],
        }, new EditResult<RosterReport> { Value = report }, ct);
        if (result.Errors.Count > 0)
            return EditResult<RosterReport>.Refused(new UserError(["roster"], "A practitioner the roster changes was edited during the import; nothing was written. Import it again: an import is idempotent.", UserErrorCode.VersionConflict));
        progress?.Report($"Committed: {changed.Count} practitioners changed.");
        return new EditResult<RosterReport> { Value = report with { Sequence = _committed } };
    });

    /// <summary>Reports rows read as they are read (Progress&lt;T&gt; would post them to the thread pool, out of order).</summary>
    private sealed class RowsRead(IProgress<string> progress) : IProgress<int>
    {
        public void Report(int value) => progress.Report($"Read {value} rows.");
    }

    /// <summary>The audit entry of a change that is not to a listing (keys, documents), committed with that change.</summary>
    public AuditEntry AccessAudit(Caller caller, string action, string objectType, string id, string? clinicId) =>
        Audit(caller, action, objectType, id, clinicId, [], null);

    private List<string> Apply(Clinic clinic, ClinicChanges changes, string root, List<UserError> errors)
    {
        var p = changes.Present;
        if (p.Contains("name")) clinic.Name = changes.Name?.Trim() ?? "";
        if (p.Contains("description")) clinic.Description = Blank(changes.Description);
        if (p.Contains("address"))
        {
            if (changes.Address is null) errors.Add(ListingValidator.Invalid([root, "address"], "address cannot be removed."));
            else clinic.Address = Normalize(changes.Address);
        }
        if (p.Contains("latitude") || p.Contains("longitude"))
        {
            if (changes.Latitude is not { } lat || changes.Longitude is not { } lon)
            {
                errors.Add(ListingValidator.Invalid([root, p.Contains("latitude") ? "longitude" : "latitude"], "latitude and longitude must be given together."));
            }
            else
            {
                clinic.Latitude = lat;
                clinic.Longitude = lon;
            }
        }
        if (p.Contains("phone")) clinic.Phone = Blank(changes.Phone);
        if (p.Contains("email")) clinic.Email = Blank(changes.Email);
        if (p.Contains("website")) clinic.Website = Blank(changes.Website);
        if (p.Contains("bookingUrl")) clinic.BookingUrl = Blank(changes.BookingUrl);
        if (p.Contains("hours")) clinic.Hours = changes.Hours ?? [];
        if (p.Contains("techniques")) clinic.Techniques = [.. (changes.Techniques ?? []).Distinct()];
        if (p.Contains("conditions")) clinic.Conditions = ResolveConditions(changes.Conditions, [root, "conditions"], errors);
        if (p.Contains("languages")) clinic.Languages = [.. (changes.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct()];
        if (p.Contains("directBilling")) clinic.DirectBilling = changes.DirectBilling ?? false;
        if (p.Contains("acceptingNewPatients")) clinic.AcceptingNewPatients = changes.AcceptingNewPatients ?? false;
        return [.. p.Order(StringComparer.Ordinal)];
    }

    private List<string> Apply(Caller caller, Practitioner practitioner, PractitionerChanges changes, bool creating, List<UserError> errors)
    {
        var p = changes.Present;
        if (p.Contains("name")) practitioner.Name = changes.Name?.Trim() ?? "";
        if (p.Contains("profession"))
        {
            if (changes.Profession is { } profession) practitioner.Profession = profession;
            else errors.Add(ListingValidator.Invalid(["input", "profession"], "profession is required."));
        }
        else if (creating)
        {
            errors.Add(ListingValidator.Invalid(["input", "profession"], "profession is required."));
        }
        if (p.Contains("bio")) practitioner.Bio = Blank(changes.Bio);
        if (p.Contains("registration")) practitioner.Registration = MergeRegistration(caller, practitioner.Registration, changes.Registration);
        if (p.Contains("credentials")) practitioner.Credentials = MergeCredentials(practitioner, changes.Credentials ?? [], errors);
        if (p.Contains("techniques")) practitioner.Techniques = [.. (changes.Techniques ?? []).Distinct()];
        if (p.Contains("conditions")) practitioner.Conditions = ResolveConditions(changes.Conditions, ["input", "conditions"], errors);
        if (p.Contains("languages")) practitioner.Languages = [.. (changes.Languages ?? []).Select(l => l.Trim().ToLowerInvariant()).Distinct()];
        if (p.Contains("acceptingNewPatients")) practitioner.AcceptingNewPatients = changes.AcceptingNewPatients ?? false;
        return [.. p.Where(f => f != "id").Order(StringComparer.Ordinal)];
    }

    /// <summary>
    /// A registration as stated. The same regulator and number keep their standing, authorization and provenance: only
    /// the regulator (through a roster) or an admin changes those, never a clinic. A new or changed registration from a
    /// clinic is taken as active and without an authorization until the regulator's roster says otherwise; an admin's
    /// authorization is recorded as the admin's.
    /// </summary>
    private Registration? MergeRegistration(Caller caller, Registration? stored, RegistrationChange? stated)
    {
        if (stated is null) return null;
        var regulator = stated.Regulator.Trim();
        var number = stated.Number.Trim();
        var same = stored is not null && stored.Regulator == regulator && stored.Number == number;
        var registration = same
            ? stored!
            : new Registration { Regulator = regulator, Number = number, Status = RegistrationStatus.Active, Source = ProvenanceSource.Clinic, AssertedAt = time.GetUtcNow() };
        if (caller.IsAdmin && stated.DryNeedlingAuthorized is { } authorized && authorized != registration.DryNeedlingAuthorized)
        {
            registration.DryNeedlingAuthorized = authorized;
            registration.Source = ProvenanceSource.Admin;
            registration.AssertedAt = registration.VerifiedAt = time.GetUtcNow();
            registration.VerifiedBy = caller.Label ?? caller.KeyId;
        }
        return registration;
    }

    /// <summary>
    /// Credentials come from clinics as SELF_REPORTED. One that is unchanged (same program and dates) keeps
    /// its id and verification; a changed one is a new claim and must be verified again.
    /// </summary>
    private List<Credential> MergeCredentials(Practitioner practitioner, List<CredentialChange> stated, List<UserError> errors)
    {
        var merged = new List<Credential>();
        for (var i = 0; i < stated.Count; i++)
        {
            var s = stated[i];
            var index = i.ToString(CultureInfo.InvariantCulture);
            if (s.EarnedOn is { } earned && earned > Today)
                errors.Add(ListingValidator.Invalid(["input", "credentials", index, "earnedOn"], "earnedOn cannot be in the future."));
            if (s.EarnedOn is { } e && s.ExpiresOn is { } x && x < e)
                errors.Add(ListingValidator.Invalid(["input", "credentials", index, "expiresOn"], "expiresOn cannot be before earnedOn."));
            if (taxonomy.ProgramById(s.ProgramId) is null)
            {
                errors.Add(ListingValidator.Invalid(["input", "credentials", index, "programId"], $"Unknown certification program \"{Short(s.ProgramId)}\"; certificationPrograms lists them."));
                continue;
            }
            if (merged.Any(m => m.ProgramId == s.ProgramId)) continue;
            var same = practitioner.Credentials.FirstOrDefault(c => c.ProgramId == s.ProgramId && c.EarnedOn == s.EarnedOn && c.ExpiresOn == s.ExpiresOn);
            merged.Add(same ?? new Credential
            {
                Id = "cred-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6)),
                ProgramId = s.ProgramId,
                EarnedOn = s.EarnedOn,
                ExpiresOn = s.ExpiresOn,
                Status = VerificationStatus.SelfReported,
                Source = ProvenanceSource.Clinic,
                AssertedAt = time.GetUtcNow(),
            });
        }
        return merged;
    }

    private List<string> ResolveConditions(List<string>? names, string[] path, List<UserError> errors)
    {
        var ids = new List<string>();
        for (var i = 0; i < (names?.Count ?? 0); i++)
        {
            var condition = names![i].Length <= 200 ? taxonomy.FindCondition(names[i]) : null;
            if (condition is null)
                errors.Add(ListingValidator.Invalid([.. path, i.ToString(CultureInfo.InvariantCulture)], $"Unknown condition \"{Short(names[i])}\"; the conditions query lists them."));
            else if (!ids.Contains(condition.Id))
                ids.Add(condition.Id);
        }
        return ids;
    }

    /// <summary>Places a clinic whose address changed without coordinates, by postal code or else by city.</summary>
    private void Place(Clinic clinic, string root, List<UserError> errors, List<string> notices)
    {
        var place = gazetteer.Resolve(clinic.Address.PostalCode) ?? gazetteer.Resolve($"{clinic.Address.City}, {clinic.Address.Region}");
        if (place is null || place.Country != clinic.Address.Country)
        {
            errors.Add(ListingValidator.Invalid([root, "latitude"], "The address could not be placed on the map; give latitude and longitude."));
            return;
        }
        clinic.Latitude = place.Latitude;
        clinic.Longitude = place.Longitude;
        notices.Add($"Placed at the centre of {place.Label} by the gazetteer; send latitude and longitude for the exact location.");
    }

    private static Address Normalize(Address a) => new()
    {
        Street = a.Street.Trim(),
        City = a.City.Trim(),
        Region = a.Region.Trim().ToUpperInvariant(),
        PostalCode = a.PostalCode.Trim().ToUpperInvariant(),
        Country = a.Country.Trim().ToUpperInvariant(),
    };

    private Clinic Stamp(Clinic clinic)
    {
        clinic.Version++;
        clinic.UpdatedAt = time.GetUtcNow();
        return clinic;
    }

    private Practitioner Stamp(Practitioner practitioner)
    {
        practitioner.Version++;
        practitioner.UpdatedAt = time.GetUtcNow();
        return practitioner;
    }

    private DateOnly Today => DateOnly.FromDateTime(time.GetUtcNow().UtcDateTime);

    private async Task<Clinic?> LoadClinic(string id, CancellationToken ct) =>
        (await store.GetClinicsAsync([id], ct)) is [var clinic] ? clinic : null;

    private async Task<Practitioner?> LoadPractitioner(string id, CancellationToken ct) =>
        (await store.GetPractitionersAsync([id], ct)) is [var practitioner] ? practitioner : null;

    /// <summary>
    /// Commits a change; a stored version that is not the expected one (changed meanwhile, also by another process)
    /// refuses it with nothing written. The sequence is kept for the index to catch up to before the answer.
    /// </summary>
    private async Task<EditResult<T>> CommitAsync<T>(StoreChange change, EditResult<T> accepted, CancellationToken ct)
        where T : class
    {
        var sequence = await store.CommitAsync(change, ct);
        if (sequence is null)
            return EditResult<T>.Refused(new UserError(["expectedVersion"], "The listing was changed meanwhile; reload it and apply your change again.", UserErrorCode.VersionConflict));
        _committed = sequence;
        return accepted;
    }

    /// <summary>The sequence of the change the running step committed (read after the step, under the lock).</summary>
    private long? _committed;

    private AuditEntry Audit(Caller caller, string action, string type, string id, string? clinicId, IReadOnlyList<string> changed, int? version, string? note = null) =>
        new()
        {
            Sequence = 0,
            At = time.GetUtcNow(),
            KeyId = caller.KeyId,
            Role = caller.Role,
            ClinicId = clinicId,
            Action = action,
            ObjectType = type,
            ObjectId = id,
            ChangedFields = changed,
            Version = version,
            Note = note,
        };

    private async Task<EditResult<T>> Serialized<T>(Func<Task<EditResult<T>>> change)
        where T : class
    {
        EditResult<T> result;
        long? committed;
        await _lock.WaitAsync();
        try
        {
            _committed = null;
            result = await change();
            committed = _committed;
        }
        finally
        {
            _lock.Release();
        }
        // Read-your-writes: the answer waits for the local index to show the change (other writers' changes
        // committed meanwhile are applied by the same pass).
        if (committed is { } sequence)
        {
            try
            {
                await projector.CatchUpAsync(sequence, CancellationToken.None);
            }
            catch (SearchEngineUnavailableException)
            {
                // The change is committed and acknowledged; the index shows it when the engine answers again (the
                // change follower catches up every half second).
            }
        }
        return result;
    }

    public void Dispose() => _lock.Dispose();

    private static string NewId(string? name)
    {
        var slug = string.Join('-', TextNormalizer.Key(name).Split(' ', StringSplitOptions.RemoveEmptyEntries).Take(5));
        if (slug.Length > 40) slug = slug[..40].TrimEnd('-');
        return (slug.Length > 0 ? slug + "-" : "") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(4));
    }

    private static string? Blank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static string Short(string value) => value.Length > 40 ? value[..40] + "…" : value;

    private static EditResult<T> Forbidden<T>(string[] field, string message) where T : class =>
        EditResult<T>.Refused(new UserError(field, message, UserErrorCode.Forbidden));

    private static EditResult<T> NotFound<T>(string[] field, string message) where T : class =>
        EditResult<T>.Refused(new UserError(field, message, UserErrorCode.NotFound));

    private static EditResult<T> Conflict<T>(int stored) where T : class =>
        EditResult<T>.Refused(new UserError(["expectedVersion"], $"The stored version is {stored}; reload and apply your change again.", UserErrorCode.VersionConflict));
}
