using ClinicDirectory.Api.GraphQL.Types;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>The read side of the public contract.</summary>
public sealed class QueryType : ObjectGraphType
{
    private const int MaxIdLength = 256;

    public QueryType()
    {
        Name = "Query";

        Field<NonNullGraphType<ClinicSearchResultType>>("searchClinics")
            .Description("Clinics matching every given filter, best first.")
            .Argument<ClinicFilterInputType>("filter")
            .Argument<SearchSortEnum>("sort", a => a.DefaultValue = SearchSort.Relevance)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var (request, place) = BuildRequest(c, ListingSummary.ClinicFields);
                var engine = c.RequestServices!.GetRequiredService<IDirectoryEngine>();
                return new SearchPage<Clinic>(await engine.SearchClinicsAsync(request, c.CancellationToken), place);
            });

        Field<NonNullGraphType<PractitionerSearchResultType>>("searchPractitioners")
            .Description("Practitioners matching every given filter, best first.")
            .Argument<PractitionerFilterInputType>("filter")
            .Argument<SearchSortEnum>("sort", a => a.DefaultValue = SearchSort.Relevance)
            .Argument<IntGraphType>("first", a => a.DefaultValue = 20)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var (request, place) = BuildRequest(c, ListingSummary.PractitionerFields);
                var engine = c.RequestServices!.GetRequiredService<IDirectoryEngine>();
                return new SearchPage<Practitioner>(await engine.SearchPractitionersAsync(request, c.CancellationToken), place);
            });

        Field<ClinicType>("clinic")
            .Description("A clinic by id, or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var id = Id(c);
                var found = await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetClinicsAsync([id], c.CancellationToken);
                return found.Count > 0 ? found[0] : null;
            });

        Field<PractitionerType>("practitioner")
            .Description("A practitioner by id, or null.")
            .Argument<NonNullGraphType<IdGraphType>>("id")
            .ResolveAsync(async c =>
            {
                var id = Id(c);
                var found = await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetPractitionersAsync([id], c.CancellationToken);
                return found.Count > 0 ? found[0] : null;
            });

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>>("conditions")
            .Description("The condition taxonomy, with the synonyms that search understands.")
            .Resolve(c => c.RequestServices!.GetRequiredService<DirectoryTaxonomy>().Conditions);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CertificationProgramType>>>>("certificationPrograms")
            .Description("The certification programs the directory knows (Kinetacore, GunnIMS, ...).")
            .Resolve(c => c.RequestServices!.GetRequiredService<DirectoryTaxonomy>().Programs);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<LanguageType>>>>("languages")
            .Description("The languages the directory names, for a language filter; facet labels use the same names.")
            .Resolve(_ => LanguageNames.All);

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TechniqueLabelType>>>>("techniques")
            .Description("The techniques listings name, with their display labels (the techniques facet's labels).")
            .Resolve(_ => Enum.GetValues<Technique>());

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PlaceType>>>>("places")
            .Description("Place names and postal codes that start with the prefix, for a location box.")
            .Argument<NonNullGraphType<StringGraphType>>("prefix")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 10)
            .Resolve(c =>
            {
                var prefix = c.GetArgument<string>("prefix");
                var first = c.GetArgument("first", 10);
                if (first is < 1 or > SearchLimits.MaxFirst)
                    throw BadInput("first", $"first must be between 1 and {SearchLimits.MaxFirst}.");
                if (prefix.Length > SearchLimits.MaxTextLength)
                    throw BadInput("prefix", $"prefix must be at most {SearchLimits.MaxTextLength} characters.");
                return c.RequestServices!.GetRequiredService<Gazetteer>().Suggest(prefix, first);
            });

        AddAuditLog();
        AddListingChanges();

        Field<NonNullGraphType<ListGraphType<NonNullGraphType<PersistedDocumentType>>>>("persistedDocuments")
            .Description("Admin only: the registered documents, oldest first.")
            .Resolve(c =>
            {
                if (!MutationType.Caller(c).IsAdmin) throw new ExecutionError("Only an admin key may list registered documents.") { Code = "FORBIDDEN" };
                return c.RequestServices!.GetRequiredService<ClinicDirectory.Core.Access.PersistedDocumentStore>().All();
            });
    }

    /// <summary>The kinds of change-log entries partners read.</summary>
    private static readonly ClinicDirectory.Core.Store.ChangeKind[] ListingKinds =
        [ClinicDirectory.Core.Store.ChangeKind.Clinic, ClinicDirectory.Core.Store.ChangeKind.Practitioner, ClinicDirectory.Core.Store.ChangeKind.Load];

    private void AddListingChanges()
    {
        Field<NonNullGraphType<ListingChangeConnectionType>>("listingChanges")
            .Description("PARTNER and ADMIN keys: the directory's changes to listings, oldest first, to mirror it incrementally. Start without after (or after a LOAD), then pass the last endCursor.")
            .Argument<StringGraphType>("after")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 100)
            .ResolveAsync(async c =>
            {
                var caller = MutationType.Caller(c);
                if (caller.Role is not (ClinicDirectory.Core.Access.ApiKeyRole.Partner or ClinicDirectory.Core.Access.ApiKeyRole.Admin))
                    throw new ExecutionError("Only PARTNER and ADMIN keys may read the change feed.") { Code = "FORBIDDEN" };
                var first = c.GetArgument("first", 100);
                if (first is < 1 or > 1000)
                    throw BadInput("first", "first must be between 1 and 1000.");
                long after = 0;
                if (c.GetArgument<string?>("after") is { } cursor
                    && (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after)))
                    throw BadInput("after", "after is not a cursor of the change feed.");
                var changes = await c.RequestServices!.GetRequiredService<ClinicDirectory.Core.Store.IDirectoryStore>().ReadChangesAsync(after, first + 1, ListingKinds, c.CancellationToken);
                return new ListingChangePage([.. changes.Take(first)], changes.Count > first);
            });
    }

    private void AddAuditLog()
    {
        Field<NonNullGraphType<AuditLogPageType>>("auditLog")
            .Description("Accepted changes, newest first. Admin keys read all; a clinic key reads its own clinic's.")
            .Argument<IdGraphType>("clinicId")
            .Argument<IntGraphType>("first", a => a.DefaultValue = 50)
            .Argument<StringGraphType>("after")
            .ResolveAsync(async c =>
            {
                var caller = MutationType.Caller(c);
                var clinicId = c.GetArgument<string?>("clinicId");
                var first = c.GetArgument("first", 50);
                if (first is < 1 or > SearchLimits.MaxFirst)
                    throw BadInput("first", $"first must be between 1 and {SearchLimits.MaxFirst}.");
                if (!caller.IsAdmin)
                {
                    if (caller.Role != ClinicDirectory.Core.Access.ApiKeyRole.Clinic || clinicId is not null && clinicId != caller.ClinicId)
                        throw new ExecutionError("This key may not read that audit log.") { Code = "FORBIDDEN" };
                    clinicId = caller.ClinicId;
                }
                long? after = null;
                if (c.GetArgument<string?>("after") is { } cursor)
                {
                    if (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var seq))
                        throw BadInput("after", "after is not a cursor of the audit log.");
                    after = seq;
                }
                var (entries, more) = await c.RequestServices!.GetRequiredService<ClinicDirectory.Core.Store.IDirectoryStore>().ReadAuditAsync(clinicId, first, after, c.CancellationToken);
                return new AuditLogPage(entries, more);
            });
    }

    private static (SearchRequest, Place?) BuildRequest(IResolveFieldContext c, IReadOnlySet<string> summaryFields)
    {
        var builder = c.RequestServices!.GetRequiredService<SearchRequestBuilder>();
        var selection = SelectionOf(c, summaryFields);
        try
        {
            return builder.Build(
                c.GetArgument<SearchFilter?>("filter"),
                c.GetArgument("sort", SearchSort.Relevance),
                c.GetArgument("first", 20),
                c.GetArgument<string?>("after"),
                includeFacets: selection.Facets,
                includeHighlights: selection.Highlights,
                summaryOnly: selection.SummaryFields is not null,
                summaryFields: selection.SummaryFields);
        }
        catch (SearchInputException ex)
        {
            throw BadInput(ex.Field, ex.Message);
        }
    }

    /// <summary>
    /// What a search's selection asks of the engine: facet counts, highlights, and the summary fields
    /// edges.node selects (null: the whole listing). Worked out once per field of a document (a kept document's fields are the same
    /// objects on every request).
    /// </summary>
    private sealed record SearchSelection(bool Facets, bool Highlights, IReadOnlySet<string>? SummaryFields);

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<GraphQLParser.AST.GraphQLField, SearchSelection> Selections = new();

    private static SearchSelection SelectionOf(IResolveFieldContext c, IReadOnlySet<string> summary)
    {
        if (Selections.TryGetValue(c.FieldAst, out var known)) return known;
        var selection = SelectionOf(c.FieldAst, summary);
        Selections.AddOrUpdate(c.FieldAst, selection);
        return selection;
    }

    /// <summary>
    /// Every selection of facets, edges and node counts (aliases included). A fragment there may select
    /// anything: facets, highlights and the whole listing. Highlights are made from the listing's text (description,
    /// conditions), which the summary lacks, so they also mean the whole listing.
    /// </summary>
    private static SearchSelection SelectionOf(GraphQLParser.AST.GraphQLField search, IReadOnlySet<string> summary)
    {
        var facets = false;
        var highlights = false;
        HashSet<string>? fields = new(StringComparer.Ordinal);
        foreach (var result in search.SelectionSet?.Selections ?? [])
        {
            if (result is not GraphQLParser.AST.GraphQLField edges) return new SearchSelection(true, true, null);
            if (edges.Name.Value == "facets") facets = true;
            if (edges.Name.Value != "edges") continue;
            foreach (var edge in edges.SelectionSet?.Selections ?? [])
            {
                if (edge is not GraphQLParser.AST.GraphQLField field) return new SearchSelection(true, true, null);
                if (field.Name.Value == "highlights") highlights = true;
                if (field.Name.Value != "node" || fields is null) continue;
                foreach (var selection in field.SelectionSet?.Selections ?? [])
                {
                    if (selection is not GraphQLParser.AST.GraphQLField nodeField || !summary.Contains(nodeField.Name.StringValue))
                    {
                        fields = null;
                        break;
                    }
                    fields.Add(nodeField.Name.StringValue);
                }
            }
        }
        return new SearchSelection(facets, highlights, highlights ? null : fields);
    }

    /// <summary>An id argument, refused when longer than any id the directory issues.</summary>
    internal static string Id(IResolveFieldContext c, string name = "id")
    {
        var id = c.GetArgument<string>(name);
        if (id.Length > MaxIdLength) throw BadInput(name, $"{name} must be at most {MaxIdLength} characters.");
        return id;
    }

    internal static ExecutionError BadInput(string field, string message)
    {
        var error = new ExecutionError(message) { Code = "BAD_USER_INPUT" };
        error.Data["field"] = field;
        return error;
    }
}
