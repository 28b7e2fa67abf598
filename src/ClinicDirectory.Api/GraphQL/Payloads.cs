using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Editing;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>Result of createClinic and updateClinic.</summary>
public sealed record ClinicPayload(Clinic? Clinic, IReadOnlyList<UserError> UserErrors, IReadOnlyList<string> Notices);

/// <summary>Result of upsertPractitioner and verifyCredential.</summary>
public sealed record PractitionerPayload(Practitioner? Practitioner, IReadOnlyList<UserError> UserErrors);

/// <summary>Result of removals.</summary>
public sealed record RemovePayload(string? RemovedId, IReadOnlyList<UserError> UserErrors);

/// <summary>Result of createApiKey: the secret appears here only.</summary>
public sealed record ApiKeyPayload(ApiKey? ApiKey, string? Secret, IReadOnlyList<UserError> UserErrors);

/// <summary>A page of the audit log, newest first.</summary>
public sealed record AuditLogPage(IReadOnlyList<AuditEntry> Entries, bool HasNextPage);
