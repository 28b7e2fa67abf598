namespace ClinicDirectory.Api.GraphQL;

/// <summary>Configuration section "GraphQL".</summary>
public sealed class GraphQLOptions
{
    public const string Section = "GraphQL";

    /// <summary>Whether clients may introspect the schema (GraphiQL, codegen); off, introspection is refused with a code.</summary>
    public bool Introspection { get; set; } = true;
}
