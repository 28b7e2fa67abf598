using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Editing;
using GraphQL;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>Result of registerPersistedDocument.</summary>
public sealed record PersistedDocumentPayload(PersistedDocument? Document, bool Created, IReadOnlyList<UserError> UserErrors);

/// <summary>
/// An admin's registration of a document: it must parse, stay within the document limits and validate against the
/// schema (its variables are not known yet, so only their values are left unchecked) before it is stored and
/// its registration is audited.
/// </summary>
public sealed class PersistedDocumentRegistration(ISchema schema, PersistedDocumentStore store, DirectoryEditor editor)
{
    public const int MaxQueryLength = 20_000;

    public async Task<PersistedDocumentPayload> RegisterAsync(Caller caller, string query, string? name, CancellationToken cancellationToken)
    {
        if (!caller.IsAdmin) return Refused([], "Only an admin key may register documents.", UserErrorCode.Forbidden);
        if (name is { Length: > 200 }) return Refused(["name"], "name must be at most 200 characters.", UserErrorCode.Invalid);
        if (await CheckAsync(query, cancellationToken) is { } problem) return Refused(["query"], problem, UserErrorCode.Invalid);
        var (document, created) = (await store.RegisterAsync([(query, string.IsNullOrWhiteSpace(name) ? null : name.Trim())], caller.KeyId, Audit(caller), cancellationToken))[0];
        return new PersistedDocumentPayload(document, created, []);
    }

    /// <summary>Why the text cannot be a registered document, or null.</summary>
    public async Task<string?> CheckAsync(string query, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(query)) return "query is empty.";
        if (query.Length > MaxQueryLength) return $"query must be at most {MaxQueryLength} characters.";
        GraphQLDocument document;
        try
        {
            document = Parser.Parse(query, new ParserOptions { MaxDepth = DocumentGate.MaxParseDepth });
        }
        catch (GraphQLMaxDepthExceededException)
        {
            return $"The query nests more than {DocumentGate.MaxParseDepth} levels of syntax.";
        }
        catch (GraphQLParserException ex)
        {
            return $"The query is not valid GraphQL: {ex.Description} (line {ex.Location.Line}, column {ex.Location.Column}).";
        }
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        if (operations.Count == 0) return "The document has no operation.";
        foreach (var operation in operations)
        {
            if (DocumentLimits.Check(document, operation.Name?.StringValue) is { } limit) return limit.Message;
            var result = await new DocumentValidator().ValidateAsync(new ValidationOptions
            {
                Schema = schema,
                Document = document,
                Operation = operation,
                Rules = DocumentValidator.CoreRules,
                Variables = Inputs.Empty,
                RequestServices = null,
                CancellationToken = cancellationToken,
            }).ConfigureAwait(false);
            if (result.Errors.FirstOrDefault(e => e is not InvalidVariableError) is { } error)
                return error.Message;
        }
        return null;
    }

    /// <summary>
    /// A manifest of documents (Apollo's persisted query manifest, or graphql-codegen's map of hash to text),
    /// registered all together or, when any entry is bad, not at all.
    /// </summary>
    public async Task<ManifestOutcome> RegisterManifestAsync(Caller caller, IReadOnlyList<(string Entry, string Query, string? Name)> entries, CancellationToken cancellationToken)
    {
        var problems = new List<ManifestProblem>();
        foreach (var (entry, query, name) in entries)
        {
            if (await CheckAsync(query, cancellationToken) is { } problem) problems.Add(new ManifestProblem(entry, problem));
            else if (name is { Length: > 200 }) problems.Add(new ManifestProblem(entry, "name must be at most 200 characters."));
        }
        if (problems.Count > 0) return new ManifestOutcome([], problems);
        var stored = await store.RegisterAsync([.. entries.Select(e => (e.Query, string.IsNullOrWhiteSpace(e.Name) ? null : e.Name.Trim()))], caller.KeyId, Audit(caller), cancellationToken);
        return new ManifestOutcome([.. entries.Zip(stored, (e, s) => new ManifestDocument(e.Entry, s.Document.Id, s.Document.Name, s.Created))], []);
    }

    private Func<PersistedDocument, AuditEntry> Audit(Caller caller) =>
        document => editor.AccessAudit(caller, "registerPersistedDocument", "PersistedDocument", document.Id, null);

    private static PersistedDocumentPayload Refused(IReadOnlyList<string> field, string message, UserErrorCode code) =>
        new(null, false, [new UserError(field, message, code)]);
}

public sealed record ManifestDocument(string Entry, string Id, string? Name, bool Created);

public sealed record ManifestProblem(string Entry, string Message);

public sealed record ManifestOutcome(IReadOnlyList<ManifestDocument> Documents, IReadOnlyList<ManifestProblem> Problems);
