using GraphQLParser;
using GraphQLParser.AST;
using Xunit.Abstractions;

namespace ClinicDirectory.Api.Tests;

/// <summary>
/// The served schema against the repository's own SDL (src/ClinicDirectory.Api/schema.graphql, a snapshot: every
/// schema change shows in review) and against the partners' published contract where a checkout has it beside
/// the repository (shared/contract/schema.graphql): the served schema may add to it, never drop or change.
/// </summary>
public sealed class SchemaContractTests : IClassFixture<DirectoryFactory>
{
    private readonly DirectoryFactory _factory;
    private readonly ITestOutputHelper _output;

    public SchemaContractTests(DirectoryFactory factory, ITestOutputHelper output)
    {
        _factory = factory;
        _output = output;
    }

    public static string SnapshotPath() => Path.Combine(RepositoryFolder.Root().FullName, "src", "ClinicDirectory.Api", "schema.graphql");

    /// <summary>The published contract, beside the repository's folder; null when this checkout has none.</summary>
    public static string? PublishedContractPath()
    {
        var parent = RepositoryFolder.Root().Parent;
        var path = parent is null ? null : Path.Combine(parent.FullName, "shared", "contract", "schema.graphql");
        return path is not null && File.Exists(path) ? path : null;
    }

    private async Task<string> ServedSdlAsync()
    {
        var client = await _factory.ReadyClientAsync();
        return await client.GetStringAsync(new Uri("/graphql/schema.graphql", UriKind.Relative));
    }

    private static string Normalized(string sdl) => sdl.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd() + "\n";

    [Fact]
    public async Task Served_schema_is_the_checked_in_snapshot()
    {
        var served = Normalized(await ServedSdlAsync());
        var snapshot = File.Exists(SnapshotPath()) ? Normalized(await File.ReadAllTextAsync(SnapshotPath())) : "";
        if (served == snapshot) return;

        // The served print beside the snapshot, so a deliberate change is one `mv` away from review.
        var received = SnapshotPath() + ".received";
        await File.WriteAllTextAsync(received, served);
        var servedLines = served.Split('\n');
        var snapshotLines = snapshot.Split('\n');
        var line = Enumerable.Range(0, Math.Min(servedLines.Length, snapshotLines.Length)).FirstOrDefault(i => servedLines[i] != snapshotLines[i], Math.Min(servedLines.Length, snapshotLines.Length));
        Assert.Fail($"The served schema differs from {SnapshotPath()} from line {line + 1}:\n" +
                    $"  snapshot: {snapshotLines.ElementAtOrDefault(line)}\n  served:   {servedLines.ElementAtOrDefault(line)}\n" +
                    $"The served print is in {received}; if the change is intended, move it over the snapshot.");
    }

    [Fact]
    public async Task Served_schema_holds_every_type_field_argument_and_value_of_the_published_contract_when_present()
    {
        var contractPath = PublishedContractPath();
        if (contractPath is null)
        {
            _output.WriteLine("No published contract (shared/contract/schema.graphql) beside this checkout: checked nothing against it. " +
                              "The snapshot test still compares the served schema with the repository's own SDL.");
            return;
        }
        var problems = Differences(Parse(await ServedSdlAsync()), Parse(await File.ReadAllTextAsync(contractPath)));
        Assert.True(problems.Count == 0, $"Against {contractPath}:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_comparison_finds_a_dropped_field_a_changed_type_and_a_missing_enum_value()
    {
        var contract = Parse("""
            type Query { a(x: Int): String!  b: Int }
            enum Sort { NAME DISTANCE }
            input Filter { text: String }
            """);
        var served = Parse("""
            type Query { a(x: String): String!  c: Int }
            enum Sort { NAME }
            input Filter { text: String  more: Int }
            """);
        Assert.Equal(
            ["Query.a(x) is String, the contract says Int", "missing Query.b", "missing Sort.DISTANCE"],
            Differences(served, contract));
    }

    private sealed record TypeShape(string Kind, Dictionary<string, string> Members);

    private static Dictionary<string, TypeShape> Parse(string sdl) => Index(Parser.Parse(sdl));

    private static List<string> Differences(Dictionary<string, TypeShape> served, Dictionary<string, TypeShape> contract)
    {
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
        return problems;
    }

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
