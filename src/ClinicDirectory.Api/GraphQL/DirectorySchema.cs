using ClinicDirectory.Api.GraphQL.Types;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>The public GraphQL schema; its printed SDL is checked in as src/ClinicDirectory.Api/schema.graphql.</summary>
public sealed class DirectorySchema : Schema
{
    public DirectorySchema(IServiceProvider services, QueryType query, MutationType mutation) : base(services)
    {
        // What graphql-js's standard introspection asks for with its options on (GraphiQL, codegen and gateways send it).
        Features.RepeatableDirectives = true;
        Features.DeprecationOfInputValues = true;
        RegisterVisitor(new IntrospectionAdditions());
        Query = query;
        Mutation = mutation;
        RegisterTypeMapping(typeof(DateOnly), typeof(DateScalar));
        RegisterTypeMapping(typeof(DateTimeOffset), typeof(DateTimeScalar));
    }
}
