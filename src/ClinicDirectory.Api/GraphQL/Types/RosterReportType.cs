using ClinicDirectory.Core.Editing;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>What a roster import did, or with dryRun would do.</summary>
public sealed class RosterReportType : ObjectGraphType<RosterReport>
{
    public RosterReportType()
    {
        Name = "RosterReport";
        Description = "What a roster import did, or with dryRun would do: matched, unmatched, ambiguous, conflicting and unreadable rows, by line number.";
        Field<NonNullGraphType<StringGraphType>>("roster").Description("The roster's name, recorded as the provenance of what it changed.").ResolveFromSource(s => s.Roster);
        Field<NonNullGraphType<BooleanGraphType>>("dryRun").Description("Nothing was written.").ResolveFromSource(s => s.DryRun);
        Field<NonNullGraphType<IntGraphType>>("rows").Description("Rows read, the header excluded.").ResolveFromSource(s => s.Rows);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RosterMatchType>>>>("matched").Description("Rows matched to one practitioner.").ResolveFromSource(s => s.Matched);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IntGraphType>>>>("unmatched").Description("Lines that matched no practitioner.").ResolveFromSource(s => s.Unmatched);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RosterAmbiguityType>>>>("ambiguous").Description("Lines that matched two or more practitioners: nothing changed for them.").ResolveFromSource(s => s.Ambiguous);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RosterConflictType>>>>("conflicting").Description("Lines that contradict another line or the practitioner they matched: nothing changed for them.").ResolveFromSource(s => s.Conflicting);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<RosterProblemType>>>>("bad").Description("Lines that could not be read, and why.").ResolveFromSource(s => s.Bad);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("changed").Description("Practitioners whose credentials or registration the roster changed (or would change).").ResolveFromSource(s => s.Changed);
    }
}

public sealed class RosterMatchType : ObjectGraphType<RosterMatch>
{
    public RosterMatchType()
    {
        Name = "RosterMatch";
        Field<NonNullGraphType<IntGraphType>>("line").ResolveFromSource(s => s.Line);
        Field<NonNullGraphType<IdGraphType>>("practitionerId").ResolveFromSource(s => s.PractitionerId);
        Field<NonNullGraphType<StringGraphType>>("by").Description("\"registration\" (number and region) or \"name\" (normalized full name and region).").ResolveFromSource(s => s.By);
        Field<NonNullGraphType<BooleanGraphType>>("changed").Description("The row changed the practitioner (false: it already said so).").ResolveFromSource(s => s.Changed);
    }
}

public sealed class RosterAmbiguityType : ObjectGraphType<RosterAmbiguity>
{
    public RosterAmbiguityType()
    {
        Name = "RosterAmbiguity";
        Field<NonNullGraphType<IntGraphType>>("line").ResolveFromSource(s => s.Line);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("candidates").ResolveFromSource(s => s.Candidates);
    }
}

public sealed class RosterConflictType : ObjectGraphType<RosterConflict>
{
    public RosterConflictType()
    {
        Name = "RosterConflict";
        Field<NonNullGraphType<IntGraphType>>("line").ResolveFromSource(s => s.Line);
        Field<NonNullGraphType<IdGraphType>>("practitionerId").ResolveFromSource(s => s.PractitionerId);
        Field<NonNullGraphType<StringGraphType>>("reason").ResolveFromSource(s => s.Reason);
    }
}

public sealed class RosterProblemType : ObjectGraphType<RosterProblem>
{
    public RosterProblemType()
    {
        Name = "RosterProblem";
        Field<NonNullGraphType<IntGraphType>>("line").ResolveFromSource(s => s.Line);
        Field<NonNullGraphType<StringGraphType>>("reason").ResolveFromSource(s => s.Reason);
    }
}

/// <summary>Result of importRoster.</summary>
public sealed record RosterImportPayload(RosterReport? Report, IReadOnlyList<UserError> UserErrors);

public sealed class RosterImportPayloadType : ObjectGraphType<RosterImportPayload>
{
    public RosterImportPayloadType()
    {
        Name = "RosterImportPayload";
        Field<RosterReportType>("report").Description("The import's report, when it ran.").ResolveFromSource(s => s.Report);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<UserErrorType>>>>("userErrors").Description("Why the import was refused; empty when it ran.").ResolveFromSource(s => s.UserErrors);
    }
}
