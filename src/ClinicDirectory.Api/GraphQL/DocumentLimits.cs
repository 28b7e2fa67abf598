using GraphQLParser.AST;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// Limits on what a query asks of the directory, checked on the parsed document before any validation rule runs
/// (the library's rules are quadratic in the fields of a selection, so a document of thousands of aliases must
/// never reach them): fields, aliases and nesting depth of the operation with its fragments expanded. Introspection
/// (<c>__schema</c>, <c>__type</c>) is not the directory's work: its fields have a budget of their own and do not
/// count towards the depth, so the standard introspection query of GraphiQL and codegen passes.
/// </summary>
public static class DocumentLimits
{
    /// <summary>The deepest field of the directory a query may select (a search, its edges, node, practitioners, credentials, program...).</summary>
    public const int MaxDepth = 8;

    /// <summary>Field selections of the directory, fragments expanded.</summary>
    public const int MaxFields = 500;

    /// <summary>Aliased fields: a partner may batch a few searches in one request, not hundreds.</summary>
    public const int MaxAliases = 20;

    /// <summary>Field selections inside introspection, fragments expanded (graphql-js's full query has about 200).</summary>
    public const int MaxIntrospectionFields = 2_000;

    /// <summary>Why the document asks too much (a code and a message), or null when it is within the limits.</summary>
    public static (string Code, string Message)? Check(GraphQLDocument document, string? operationName)
    {
        var fragments = new Dictionary<string, GraphQLFragmentDefinition>(StringComparer.Ordinal);
        foreach (var f in document.Definitions.OfType<GraphQLFragmentDefinition>()) fragments.TryAdd(f.FragmentName.Name.StringValue, f);
        var walk = new Walk(fragments);
        foreach (var operation in document.Definitions.OfType<GraphQLOperationDefinition>())
        {
            if (operationName is not null && operation.Name?.StringValue != operationName) continue;
            walk.Selections(operation.SelectionSet, depth: 0, introspection: false);
            if (walk.Refusal is not null) return walk.Refusal;
        }
        return walk.Refusal;
    }

    private sealed class Walk(Dictionary<string, GraphQLFragmentDefinition> fragments)
    {
        private readonly HashSet<string> _expanding = new(StringComparer.Ordinal);
        private int _fields;
        private int _aliases;
        private int _introspectionFields;

        public (string Code, string Message)? Refusal { get; private set; }

        public void Selections(GraphQLSelectionSet? set, int depth, bool introspection)
        {
            if (set is null || Refusal is not null) return;
            foreach (var selection in set.Selections)
            {
                if (Refusal is not null) return;
                switch (selection)
                {
                    case GraphQLField field:
                        Field(field, depth, introspection);
                        break;
                    case GraphQLInlineFragment inline:
                        Selections(inline.SelectionSet, depth, introspection);
                        break;
                    case GraphQLFragmentSpread spread:
                        var name = spread.FragmentName.Name.StringValue;
                        // A cycle is the validator's to report; walking it once is enough here.
                        if (fragments.TryGetValue(name, out var fragment) && _expanding.Add(name))
                        {
                            Selections(fragment.SelectionSet, depth, introspection);
                            _expanding.Remove(name);
                        }
                        break;
                }
            }
        }

        private void Field(GraphQLField field, int depth, bool introspection)
        {
            var name = field.Name.StringValue;
            introspection |= name is "__schema" or "__type";
            if (introspection)
            {
                if (++_introspectionFields > MaxIntrospectionFields)
                    Refusal = ("QUERY_TOO_LARGE", $"The query selects more than {MaxIntrospectionFields} introspection fields.");
                Selections(field.SelectionSet, depth, introspection: true);
                return;
            }
            if (field.Alias is not null && ++_aliases > MaxAliases)
            {
                Refusal = ("TOO_MANY_ALIASES", $"The query has more than {MaxAliases} aliased fields; send fewer at a time.");
                return;
            }
            if (++_fields > MaxFields)
            {
                Refusal = ("QUERY_TOO_LARGE", $"The query selects more than {MaxFields} fields.");
                return;
            }
            if (depth + 1 > MaxDepth)
            {
                Refusal = ("QUERY_TOO_DEEP", $"The query nests fields more than {MaxDepth} levels deep.");
                return;
            }
            Selections(field.SelectionSet, depth + 1, introspection: false);
        }
    }
}
