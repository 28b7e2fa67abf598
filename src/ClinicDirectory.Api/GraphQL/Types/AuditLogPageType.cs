using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A page of the audit log, newest first.</summary>
public sealed class AuditLogPageType : ObjectGraphType<AuditLogPage>
{
    public AuditLogPageType()
    {
        Name = "AuditLogPage";
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<AuditEntryType>>>>("entries").Description("Newest first.").ResolveFromSource(s => s.Entries);
        Field<NonNullGraphType<PageInfoType>>("pageInfo").Description("Paging.")
            .Resolve(c => new PageInfo(c.Source.HasNextPage, c.Source.Entries.Count > 0 ? c.Source.Entries[^1].Sequence.ToString(System.Globalization.CultureInfo.InvariantCulture) : null));
    }
}
