using ClinicDirectory.Api.GraphQL.Types;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Editing;
using ClinicDirectory.Core.Search;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// The write side. Every mutation needs a key (else UNAUTHENTICATED); rights to the object, versions and
/// validation are checked by the editor and come back as userErrors, with nothing changed.
/// </summary>
public sealed class MutationType : ObjectGraphType
{
    public MutationType()
    {
        Name = "Mutation";

        Field<NonNullGraphType<ClinicPayloadType>>("createClinic")
            .Description("Admin only.")
            .Argument<NonNullGraphType<ClinicInputType>>("input")
            .ResolveAsync(async c =>
            {
                var result = await Editor(c).CreateClinicAsync(Caller(c), InputMapping.Clinic(c.GetArgument<Dictionary<string, object?>>("input")), c.CancellationToken);
                return new ClinicPayload(result.Value, result.Errors, result.Notices);
            });

        Field<NonNullGraphType<ClinicPayloadType>>("updateClinic")
            .Description("Admin, or a key of this clinic. Fails with code VERSION_CONFLICT unless expectedVersion is the stored version.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .Argument<NonNullGraphType<IntGraphType>>("expectedVersion")
            .Argument<NonNullGraphType<ClinicPatchType>>("patch")
            .ResolveAsync(async c =>
            {
                var result = await Editor(c).UpdateClinicAsync(Caller(c), QueryType.Id(c, "id"), c.GetArgument<int>("expectedVersion"),
                    InputMapping.Clinic(c.GetArgument<Dictionary<string, object?>>("patch")), c.CancellationToken);
                return new ClinicPayload(result.Value, result.Errors, result.Notices);
            });

        Field<NonNullGraphType<PractitionerPayloadType>>("upsertPractitioner")
            .Description("Admin, or a key of this clinic. Creates the practitioner when input.id is absent.")
            .Argument<NonNullGraphType<IdGraphType>>("clinicId")
            .Argument<NonNullGraphType<PractitionerInputType>>("input")
            .Argument<IntGraphType>("expectedVersion")
            .ResolveAsync(async c =>
            {
                var result = await Editor(c).UpsertPractitionerAsync(Caller(c), QueryType.Id(c, "clinicId"),
                    InputMapping.Practitioner(c.GetArgument<Dictionary<string, object?>>("input")), c.GetArgument<int?>("expectedVersion"), c.CancellationToken);
                return new PractitionerPayload(result.Value, result.Errors);
            });

        Field<NonNullGraphType<RemovePayloadType>>("removePractitioner")
            .Description("Admin, or a key of this clinic. Removes the practitioner from this clinic's listing.")
            .Argument<NonNullGraphType<IdGraphType>>("clinicId")
            .Argument<NonNullGraphType<IdGraphType>>("practitionerId")
            .ResolveAsync(async c =>
            {
                var result = await Editor(c).RemovePractitionerAsync(Caller(c), QueryType.Id(c, "clinicId"), QueryType.Id(c, "practitionerId"), c.CancellationToken);
                return new RemovePayload(result.Value, result.Errors);
            });

        Field<NonNullGraphType<PractitionerPayloadType>>("verifyCredential")
            .Description("Admin only: the outcome of checking a credential against the certifying body or regulator.")
            .Argument<NonNullGraphType<IdGraphType>>("practitionerId")
            .Argument<NonNullGraphType<IdGraphType>>("credentialId")
            .Argument<NonNullGraphType<VerificationStatusEnum>>("status")
            .Argument<StringGraphType>("note")
            .ResolveAsync(async c =>
            {
                var result = await Editor(c).VerifyCredentialAsync(Caller(c), QueryType.Id(c, "practitionerId"), QueryType.Id(c, "credentialId"),
                    c.GetArgument<VerificationStatus>("status"), c.GetArgument<string?>("note"), c.CancellationToken);
                return new PractitionerPayload(result.Value, result.Errors);
            });

        Field<NonNullGraphType<RosterImportPayloadType>>("importRoster")
            .Description("Admin only: a certifying body's or a regulator's roster as CSV (header source,body_or_regulator,full_name,registration_number,region,program_id,earned_on,expires_on,status; up to the request size limit: larger rosters with the import-roster command). Matched credentials and registrations take the roster's status with the roster as provenance, in one transaction; dryRun reports without writing.")
            .Argument<NonNullGraphType<StringGraphType>>("name", a => a.Description = "The roster's name, recorded as provenance, e.g. \"GunnIMS roster 2026-12\".")
            .Argument<NonNullGraphType<StringGraphType>>("csv")
            .Argument<BooleanGraphType>("dryRun", a => a.DefaultValue = false)
            .ResolveAsync(async c =>
            {
                using var csv = new MemoryStream(System.Text.Encoding.UTF8.GetBytes(c.GetArgument<string>("csv")));
                var result = await Editor(c).ImportRosterAsync(Caller(c), csv, c.GetArgument<string>("name"), c.GetArgument<bool>("dryRun"), null, c.CancellationToken);
                return new RosterImportPayload(result.Value, result.Errors);
            });

        Field<NonNullGraphType<ApiKeyPayloadType>>("createApiKey")
            .Description("Admin only. The secret is returned once and stored only as a hash.")
            .Argument<NonNullGraphType<ApiKeyRoleEnum>>("role")
            .Argument<IdGraphType>("clinicId")
            .Argument<StringGraphType>("label")
            .Argument<IntGraphType>("requestsPerMinute", a => a.Description = "A PARTNER key's own rate limit.")
            .Argument<ListGraphType<NonNullGraphType<StringGraphType>>>("allowedOrigins", a => a.Description = "Web origins a PARTNER key may be used from.")
            .Argument<BooleanGraphType>("persistedDocumentsOnly", a =>
            {
                a.Description = "The key runs only registered documents (registerPersistedDocument), sent by documentId.";
                a.DefaultValue = false;
            })
            .ResolveAsync(async c => await CreateKeyAsync(c));

        Field<NonNullGraphType<PersistedDocumentPayloadType>>("registerPersistedDocument")
            .Description("Admin only. Registers a document that clients then run by its id (documentId: \"sha256:<hash>\"), also with keys that run only registered documents.")
            .Argument<NonNullGraphType<StringGraphType>>("query")
            .Argument<StringGraphType>("name")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<PersistedDocumentRegistration>()
                .RegisterAsync(Caller(c), c.GetArgument<string>("query"), c.GetArgument<string?>("name"), c.CancellationToken));

        Field<NonNullGraphType<RemovePayloadType>>("revokeApiKey")
            .Description("Admin only. The key stops working at once.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var caller = Caller(c);
                var id = QueryType.Id(c, "id");
                if (!caller.IsAdmin) return new RemovePayload(null, [new UserError([], "Only an admin key may revoke keys.", UserErrorCode.Forbidden)]);
                if (!await c.RequestServices!.GetRequiredService<ApiKeyStore>().RevokeAsync(id, key => Editor(c).AccessAudit(caller, "revokeApiKey", "ApiKey", key.Id, key.ClinicId), c.CancellationToken))
                    return new RemovePayload(null, [new UserError(["id"], $"No active key \"{id}\".", UserErrorCode.NotFound)]);
                return new RemovePayload(id, []);
            });
    }

    private static async Task<ApiKeyPayload> CreateKeyAsync(IResolveFieldContext c)
    {
        var caller = Caller(c);
        if (!caller.IsAdmin) return new ApiKeyPayload(null, null, [new UserError([], "Only an admin key may create keys.", UserErrorCode.Forbidden)]);
        var role = c.GetArgument<ApiKeyRole>("role");
        var clinicId = c.GetArgument<string?>("clinicId");
        var label = c.GetArgument<string?>("label");
        var perMinute = c.GetArgument<int?>("requestsPerMinute");
        var origins = c.GetArgument<List<string>?>("allowedOrigins");
        var errors = new List<UserError>();
        if (role == ApiKeyRole.Clinic)
        {
            if (string.IsNullOrEmpty(clinicId)) errors.Add(new UserError(["clinicId"], "A CLINIC key needs clinicId.", UserErrorCode.Invalid));
            else if ((await c.RequestServices!.GetRequiredService<ClinicDirectory.Core.Store.IDirectoryStore>().GetClinicsAsync([clinicId], c.CancellationToken)).Count == 0)
                errors.Add(new UserError(["clinicId"], $"No clinic \"{clinicId}\".", UserErrorCode.NotFound));
        }
        else if (clinicId is not null)
        {
            errors.Add(new UserError(["clinicId"], "Only a CLINIC key has a clinicId.", UserErrorCode.Invalid));
        }
        if (label is { Length: > 200 }) errors.Add(new UserError(["label"], "label must be at most 200 characters.", UserErrorCode.Invalid));
        if (perMinute is < 1 or > 1_000_000) errors.Add(new UserError(["requestsPerMinute"], "requestsPerMinute must be between 1 and 1000000.", UserErrorCode.Invalid));
        if (origins is { Count: > 50 } || origins?.Any(o => !Uri.TryCreate(o, UriKind.Absolute, out var u) || u.Scheme is not ("http" or "https")) == true)
            errors.Add(new UserError(["allowedOrigins"], "allowedOrigins must be up to 50 http(s) origins such as https://partner.example.", UserErrorCode.Invalid));
        if (errors.Count > 0) return new ApiKeyPayload(null, null, errors);

        var (key, secret) = await c.RequestServices!.GetRequiredService<ApiKeyStore>().CreateAsync(role, clinicId, label, perMinute,
            origins?.Select(o => new Uri(o).GetLeftPart(UriPartial.Authority)).ToList(), c.GetArgument("persistedDocumentsOnly", false),
            k => Editor(c).AccessAudit(caller, "createApiKey", "ApiKey", k.Id, clinicId), c.CancellationToken);
        return new ApiKeyPayload(key, secret, []);
    }

    private static DirectoryEditor Editor(IResolveFieldContext c) => c.RequestServices!.GetRequiredService<DirectoryEditor>();

    /// <summary>The caller, or an UNAUTHENTICATED error: every mutation needs a key.</summary>
    internal static Caller Caller(IResolveFieldContext c) =>
        (c.UserContext as RequestContext)?.Caller
        ?? throw new ExecutionError("This operation needs an API key: send 'Authorization: Bearer <secret>'.") { Code = "UNAUTHENTICATED" };

}
