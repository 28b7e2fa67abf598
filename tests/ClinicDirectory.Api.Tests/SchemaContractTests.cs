using GraphQLParser;
using GraphQLParser.AST;

namespace ClinicDirectory.Api.Tests;

/// <summary>The served schema keeps every promise of ../shared/contract/schema.graphql (it may add, never drop or change).</summary>
public sealed class SchemaContractTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;

    public SchemaContractTests(DirectoryFactory factory) => _factory = factory;

    public static string ContractPath()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "shared", "contract", "schema.graphql");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("shared/contract/schema.graphql not found above the test directory.");
    }

    [Fact]
    public async Task Served_schema_holds_every_type_field_argument_and_value_of_the_contract()
    {
        var client = await _factory.ReadyClientAsync();
        var served = Index(Parser.Parse(await client.GetStringAsync(new Uri("/graphql/schema.graphql", UriKind.Relative))));
        var contract = Index(Parser.Parse(await File.ReadAllTextAsync(ContractPath())));

        var problems = new List<string>();
        foreach (var (name, expected) in contract)
        {
            if (!served.TryGetValue(name, out var actual))
            {
                problems.Add($"missing type {name}");
                continue;
            }
            if (expected.Kind != actual.Kind) problems.Add($"{name} is a {actual.Kind}, the contract says {expected.Kind}");
            foreach (var (member, type) in expected.Members)
            {
                if (!actual.Members.TryGetValue(member, out var actualType)) problems.Add($"missing {name}.{member}");
                else if (actualType != type) problems.Add($"{name}.{member} is {actualType}, the contract says {type}");
            }
        }
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    private sealed record TypeShape(string Kind, Dictionary<string, string> Members);

    /// <summary>Each named type with its members: fields as "type", arguments as "field(arg)" -> type, enum values as "value".</summary>
    private static Dictionary<string, TypeShape> Index(GraphQLDocument document)
    {
        var types = new Dictionary<string, TypeShape>(StringComparer.Ordinal);
        foreach (var definition in document.Definitions)
        {
            switch (definition)
            {
                case GraphQLObjectTypeDefinition o:
                    var members = new Dictionary<string, string>(StringComparer.Ordinal);
                    foreach (var f in o.Fields?.Items ?? [])
                    {
                        members[f.Name.StringValue] = Print(f.Type);
                        foreach (var a in f.Arguments?.Items ?? [])
                            members[$"{f.Name.StringValue}({a.Name.StringValue})"] = Print(a.Type);
                    }
                    types[o.Name.StringValue] = new TypeShape("type", members);
                    break;
                case GraphQLInputObjectTypeDefinition i:
                    types[i.Name.StringValue] = new TypeShape("input", (i.Fields?.Items ?? []).ToDictionary(f => f.Name.StringValue, f => Print(f.Type)));
                    break;
                case GraphQLEnumTypeDefinition e:
                    types[e.Name.StringValue] = new TypeShape("enum", (e.Values?.Items ?? []).ToDictionary(v => v.Name.StringValue, _ => "value"));
                    break;
                case GraphQLScalarTypeDefinition s:
                    types[s.Name.StringValue] = new TypeShape("scalar", []);
                    break;
            }
        }
        return types;
    }

    private static string Print(GraphQLType type) => type switch
    {
        GraphQLNonNullType n => Print(n.Type) + "!",
        GraphQLListType l => "[" + Print(l.Type) + "]",
        GraphQLNamedType t => t.Name.StringValue,
        _ => type.ToString() ?? "",
    };
}
