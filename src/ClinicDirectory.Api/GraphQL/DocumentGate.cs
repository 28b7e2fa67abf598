using ClinicDirectory.Api.Access;
using GraphQL;
using GraphQL.DI;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// The step of every execution between the library's persisted documents (which turn a document id into its text)
/// and validation: the text is parsed with a depth limit, or taken from <see cref="ValidatedDocuments"/>; what it
/// asks of the directory is limited (<see cref="DocumentLimits"/>) before any validation rule runs; a mutation is
/// refused over GET and counted against the caller's mutation limit; a key that may run only registered documents
/// is held to them.
/// </summary>
public sealed class DocumentGate(ValidatedDocuments validated, MutationLimits mutations) : IConfigureExecution
{
    /// <summary>Syntax deeper than this is refused by the parser itself, before the document is built.</summary>
    public const int MaxParseDepth = 48;

    /// <summary>After the library's persisted documents (200).</summary>
    public float SortOrder => 300;

    public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
    {
        var context = (RequestContext)options.UserContext;
        if (string.IsNullOrWhiteSpace(options.Query))
        {
            context.Status = StatusCodes.Status400BadRequest;
            return Refuse("INVALID_REQUEST", "A GraphQL query (or a documentId) is required.");
        }
        if (context.Key is { PersistedDocumentsOnly: true } && options.DocumentId is null)
            return Refuse("PERSISTED_DOCUMENT_REQUIRED", "This key runs only registered documents: send their documentId (sha256:<hash>) instead of query text.");

        var document = validated.Get(options.Query);
        var cached = document is not null;
        if (document is null)
        {
            try
            {
                document = Parser.Parse(options.Query, new ParserOptions { MaxDepth = MaxParseDepth });
            }
            catch (GraphQLMaxDepthExceededException)
            {
                return Refuse("QUERY_TOO_DEEP", $"The query nests more than {MaxParseDepth} levels of syntax.");
            }
            catch (GraphQLParserException ex)
            {
                return Refuse("SYNTAX_ERROR", $"The query is not valid GraphQL: {Truncate(ex.Description, 200)} (line {ex.Location.Line}, column {ex.Location.Column}).");
            }
            // Before any validation rule: what the query asks of the directory (fields, aliases, depth).
            if (DocumentLimits.Check(document, options.OperationName) is { } refusal)
                return Refuse(refusal.Code, refusal.Message);
        }

        var mutation = document.Definitions.OfType<GraphQLOperationDefinition>()
            .Any(o => o.Operation == OperationType.Mutation && (options.OperationName is null || o.Name?.StringValue == options.OperationName));
        if (mutation && context.GetRequest)
        {
            // GraphQL over HTTP: a mutation is never run for a GET (which caches and prefetches may send on their own).
            context.Status = StatusCodes.Status405MethodNotAllowed;
            return Refuse("METHOD_NOT_ALLOWED", "Mutations are sent with POST.");
        }
        if (mutation && mutations.TryAcquire(context.CostPartition) is { } wait)
        {
            context.Status = StatusCodes.Status429TooManyRequests;
            context.RetryAfterSeconds = wait;
            return Refuse("RATE_LIMITED", $"Too many mutations; retry after {wait} s.");
        }

        options.Document = document;
        // A validated document skips the rules that depend on the document alone. The cost of the query, which
        // depends on the variables too, is checked on every request by DirectoryDocumentValidator.
        options.ValidationRules = cached
            ? (context.GetRequest ? [QueriesOnlyRule.Instance] : [])
            : FullRules(context.GetRequest, context.Introspection);
        var result = await next(options).ConfigureAwait(false);
        if (!cached && result.Executed) validated.Add(options.Query, document);
        return result;
    }

    /// <summary>The rules of a document not yet validated: the library's, queries only over GET, and no introspection when it is turned off.</summary>
    private static IEnumerable<IValidationRule>? FullRules(bool getRequest, bool introspection)
    {
        if (!getRequest && introspection) return null;
        IEnumerable<IValidationRule> rules = DocumentValidator.CoreRules;
        if (getRequest) rules = rules.Append(QueriesOnlyRule.Instance);
        if (!introspection) rules = rules.Append(global::GraphQL.Validation.Rules.Custom.NoIntrospectionValidationRule.Instance);
        return rules;
    }

    internal static ExecutionResult Refuse(string code, string message)
    {
        var result = new ExecutionResult { Executed = false };
        result.AddError(new ExecutionError(message) { Code = code });
        return result;
    }

    internal static string Truncate(string text, int length) => text.Length <= length ? text : text[..length] + "…";
}
