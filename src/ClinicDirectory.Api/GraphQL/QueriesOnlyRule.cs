using GraphQL.Validation;
using GraphQLParser.AST;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>GET requests may only read: a mutation over GET is refused before it runs.</summary>
public sealed class QueriesOnlyRule : ValidationRuleBase
{
    public static QueriesOnlyRule Instance { get; } = new();

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Query)
            context.ReportError(new ValidationError(context.Document.Source, null, "Only queries are allowed over GET; send mutations with POST.", context.Operation) { Code = "METHOD_NOT_ALLOWED" });
        return default;
    }
}
