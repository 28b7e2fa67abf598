using System.Globalization;
using ClinicDirectory.Core.Store;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>What a change to the directory's listings was about.</summary>
public sealed class ListingChangeKindEnum : EnumerationGraphType
{
    public ListingChangeKindEnum()
    {
        Name = "ListingChangeKind";
        Description = "What a change to the directory's listings was about.";
        Add("CLINIC", ChangeKind.Clinic, "The clinic was created or changed: read it again by id.");
        Add("PRACTITIONER", ChangeKind.Practitioner, "The practitioner was created, changed or removed: read it again by id, or drop it when removed.");
        Add("LOAD", ChangeKind.Load, "The directory was loaded in bulk (the seed, an import): mirror it whole again.");
    }
}

/// <summary>One entry of the change log as partners read it.</summary>
public sealed class ListingChangeType : ObjectGraphType<ChangeEntry>
{
    public ListingChangeType()
    {
        Name = "ListingChange";
        Description = "One accepted change to a listing, in the order changes were committed.";
        Field<NonNullGraphType<ListingChangeKindEnum>>("kind").Description("What changed.").ResolveFromSource(s => s.Kind);
        Field<NonNullGraphType<IdGraphType>>("id").Description("The clinic's or practitioner's id; for LOAD, where the listings came from (\"seed\", \"import\").").ResolveFromSource(s => s.Id);
        Field<IntGraphType>("version").Description("The listing's version after the change; null when it was removed.").ResolveFromSource(s => s.Version);
        Field<NonNullGraphType<BooleanGraphType>>("removed").Description("The listing is no longer in the directory.").ResolveFromSource(s => s.Deleted);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<IdGraphType>>>>("clinicIds").Description("The clinics whose listings the change touches.").ResolveFromSource(s => s.ClinicIds);
        Field<NonNullGraphType<DateTimeScalar>>("at").Description("When it was committed.").ResolveFromSource(s => s.At);
    }
}

public sealed record ListingChangePage(IReadOnlyList<ChangeEntry> Changes, bool HasNextPage);

public sealed class ListingChangeEdgeType : ObjectGraphType<ChangeEntry>
{
    public ListingChangeEdgeType()
    {
        Name = "ListingChangeEdge";
        Field<NonNullGraphType<StringGraphType>>("cursor").Description("Pass as after for the changes after this one.").Resolve(c => c.Source.Sequence.ToString(CultureInfo.InvariantCulture));
        Field<NonNullGraphType<ListingChangeType>>("node").Description("The change.").Resolve(c => c.Source);
    }
}

/// <summary>A page of the change log, oldest first.</summary>
public sealed class ListingChangeConnectionType : ObjectGraphType<ListingChangePage>
{
    public ListingChangeConnectionType()
    {
        Name = "ListingChangeConnection";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ListingChangeEdgeType>>>>("edges").Description("Oldest first.").ResolveFromSource(s => s.Changes);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging: endCursor is where to ask from next time, also when hasNextPage is false.")
            .Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.Changes.Count > 0 ? c.Source.Changes[^1].Sequence.ToString(CultureInfo.InvariantCulture) : null));
    }
}
