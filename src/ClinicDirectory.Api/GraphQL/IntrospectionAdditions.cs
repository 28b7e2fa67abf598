using GraphQL.Types;
using GraphQL.Resolvers;
using GraphQL.Utilities;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// The parts of the GraphQL specification's introspection that graphql-js's standard query asks for with every
/// option on and the library's introspection types lack: <c>__Type.specifiedByURL</c> (no scalar here declares
/// one, so always null) and <c>__Directive.args(includeDeprecated:)</c> (no directive argument here is deprecated,
/// so the flag changes nothing).
/// </summary>
public sealed class IntrospectionAdditions : BaseSchemaNodeVisitor
{
    public override void VisitObject(IObjectGraphType type, ISchema schema)
    {
        switch (type.Name)
        {
            case "__Type" when !type.HasField("specifiedByURL"):
                type.AddField(new FieldType
                {
                    Name = "specifiedByURL",
                    // Introspection types are resolved already when visitors run: the added field is given its resolved type.
                    ResolvedType = schema.AllTypes["String"],
                    Description = "A URL that specifies the behaviour of a custom scalar; none here declares one.",
                    Resolver = new FuncFieldResolver<object?>(_ => null),
                });
                break;
            case "__Directive" when type.GetField("args") is { } args && args.Arguments?.Find("includeDeprecated") is null:
                args.Arguments ??= new QueryArguments();
                args.Arguments.Add(new QueryArgument(schema.AllTypes["Boolean"]!) { Name = "includeDeprecated", DefaultValue = false });
                break;
        }
    }
}
