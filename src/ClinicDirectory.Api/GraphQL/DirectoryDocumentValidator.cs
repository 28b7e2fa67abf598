using System.Runtime.CompilerServices;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQL.Validation.Rules.Custom;
using GraphQLParser.AST;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>
/// The document validator with the query's cost checked last, on every request. The cost depends on the
/// variables (a list's size comes from <c>first</c>), so it is checked after the variables and arguments are
/// parsed, also for a document kept by <see cref="ValidatedDocuments"/>. Such a document is validated with no
/// rules at all: the library then only parses its variables and arguments, where any configured rule would
/// make it walk the whole document once more for nothing.
/// <para>
/// For a kept document with neither fragments nor directives (the patient page's and the partners' searches),
/// even that walk is done once: which fields take arguments, and where each variable is used (the library
/// finds the variables' uses anew for every request), are kept with the document, and each request only parses its variables and those
/// fields' arguments, with the library's own functions. A request with any error there is validated the
/// library's way from the start, which reports its errors as always.
/// </para>
/// </summary>
public sealed class DirectoryDocumentValidator(ComplexityValidationRule cost) : IDocumentValidator
{
    private readonly DocumentValidator _inner = new();

    /// <summary>Per operation of a kept document: its plan, worked out on first use.</summary>
    private readonly ConditionalWeakTable<GraphQLOperationDefinition, OperationPlan> _plans = [];

    public Task<IValidationResult> ValidateAsync(in ValidationOptions options) => ValidateCoreAsync(options);

    private async Task<IValidationResult> ValidateCoreAsync(ValidationOptions options)
    {
        var result = PlanFor(options) is { } plan
            ? await plan.ParseAsync(options).ConfigureAwait(false) ?? await _inner.ValidateAsync(options).ConfigureAwait(false)
            : await _inner.ValidateAsync(options).ConfigureAwait(false);
        if (!result.IsValid) return result;
        var context = new ValidationContext
        {
            Schema = options.Schema,
            Document = options.Document,
            Operation = options.Operation,
            UserContext = options.UserContext,
            Variables = options.Variables,
            Extensions = options.Extensions,
            Metrics = options.Metrics,
            RequestServices = options.RequestServices,
            User = options.User,
            CancellationToken = options.CancellationToken,
            ArgumentValues = result.ArgumentValues switch
            {
                null => null,
                Dictionary<GraphQLField, IDictionary<string, ArgumentValue>> parsed => parsed,
                var other => other.ToDictionary(),
            },
        };
        await cost.GetPostNodeVisitorAsync(context).ConfigureAwait(false);
        return context.HasErrors ? new ValidationResult(context.Errors) : result;
    }

    /// <summary>The plan of a kept document's operation (one validated with no rules), when it can have one.</summary>
    private OperationPlan? PlanFor(ValidationOptions options)
    {
        if (options.Rules is not { } rules || rules.Any() || options.Operation is not { } operation) return null;
        if (!_plans.TryGetValue(operation, out var plan))
        {
            plan = OperationPlan.Of(options.Schema, options.Document, operation);
            _plans.TryAdd(operation, plan); // a request racing this one made the same plan
        }
        return plan.Usable ? plan : null;
    }

    /// <summary>
    /// One operation of a kept document: its fields that take arguments, found as the library's argument parser
    /// finds them, and validation contexts that keep where each variable is used (the library's own cache of
    /// it, per context) from one request to the next.
    /// </summary>
    private sealed class OperationPlan
    {
        private readonly GraphQLDocument _document;
        private readonly GraphQLOperationDefinition _operation;
        private readonly (GraphQLField Field, FieldType Definition)[]? _argumentFields;
        private readonly ValidationContext?[] _contexts = new ValidationContext?[Math.Max(2, Environment.ProcessorCount * 2)];

        private OperationPlan(GraphQLDocument document, GraphQLOperationDefinition operation, (GraphQLField, FieldType)[]? argumentFields)
        {
            _document = document;
            _operation = operation;
            _argumentFields = argumentFields;
        }

        /// <summary>False for an operation with fragments or directives, or a field this walk cannot match (the library's way then).</summary>
        public bool Usable => _argumentFields is not null;

        /// <summary>The operation's plan; not usable when it has fragments or directives or a field cannot be matched to the schema here.</summary>
        public static OperationPlan Of(ISchema schema, GraphQLDocument document, GraphQLOperationDefinition operation)
        {
            IComplexGraphType? root = operation.Operation switch
            {
                OperationType.Query => schema.Query,
                OperationType.Mutation => schema.Mutation,
                OperationType.Subscription => schema.Subscription,
                _ => null,
            };
            var fields = new List<(GraphQLField, FieldType)>();
            var usable = root is not null && operation.Directives is not { Count: > 0 }
                && (operation.Variables?.Items.All(v => v.Directives is not { Count: > 0 }) ?? true)
                && Collect(schema, root, operation.SelectionSet, fields);
            return new OperationPlan(document, operation, usable ? [.. fields] : null);
        }

        // As the library's argument parser: every field of the selection, in document order, with arguments parsed
        // where the document gives some.
        private static bool Collect(ISchema schema, IComplexGraphType type, GraphQLSelectionSet selection, List<(GraphQLField, FieldType)> fields)
        {
            foreach (var node in selection.Selections)
            {
                // Fragments and directives: the library's way.
                if (node is not GraphQLField field || field.Directives is { Count: > 0 }) return false;
                var name = field.Name.Value;
                var definition = name == schema.TypeMetaFieldType.Name ? schema.TypeMetaFieldType
                    : name == schema.TypeNameMetaFieldType.Name ? schema.TypeNameMetaFieldType
                    : name == schema.SchemaMetaFieldType.Name ? schema.SchemaMetaFieldType
                    : type.Fields.Find(name);
                if (definition is null) return false;
                if (field.Arguments is { Count: > 0 }) fields.Add((field, definition));
                switch (definition.ResolvedType?.GetNamedType())
                {
                    case IComplexGraphType complex when field.SelectionSet is { } set:
                        if (!Collect(schema, complex, set, fields)) return false;
                        break;
                    case IComplexGraphType or UnionGraphType:
                        return false;
                }
            }
            return true;
        }

        /// <summary>The request's variables and arguments, parsed by the library's functions; null on any error.</summary>
        public async Task<IValidationResult?> ParseAsync(ValidationOptions options)
        {
            var context = Rent(options);
            try
            {
                var (variables, errors) = await context.GetVariablesValuesAsync().ConfigureAwait(false);
                if (errors is { Count: > 0 }) return null;
                Dictionary<GraphQLField, IDictionary<string, ArgumentValue>>? arguments = null;
                foreach (var (field, definition) in _argumentFields!)
                {
                    if (ExecutionHelper.GetArguments(definition.Arguments, field.Arguments, variables, _document, field, null) is { } parsed)
                        (arguments ??= []).Add(field, parsed);
                }
                return new ValidationResult(Array.Empty<ValidationError>()) { Variables = variables, ArgumentValues = arguments };
            }
            catch (ValidationError)
            {
                return null;
            }
            finally
            {
                Return(context);
            }
        }

        private ValidationContext Rent(ValidationOptions options)
        {
            ValidationContext? context = null;
            for (var i = 0; i < _contexts.Length && context is null; i++) context = Interlocked.Exchange(ref _contexts[i], null);
            context ??= new ValidationContext { Schema = options.Schema, Document = _document, Operation = _operation };
            context.Variables = options.Variables;
            context.Extensions = options.Extensions;
            context.UserContext = options.UserContext;
            context.RequestServices = options.RequestServices;
            context.User = options.User;
            context.Metrics = options.Metrics;
            context.CancellationToken = options.CancellationToken;
            return context;
        }

        private void Return(ValidationContext context)
        {
            // Nothing of the request is kept: only the document's own cache of where its variables are used.
            context.Variables = null!;
            context.Extensions = null!;
            context.UserContext = null!;
            context.RequestServices = null;
            context.User = null;
            context.Metrics = null!;
            context.CancellationToken = default;
            if (context.HasErrors) return;
            for (var i = 0; i < _contexts.Length; i++)
            {
                if (Interlocked.CompareExchange(ref _contexts[i], context, null) is null) return;
            }
        }
    }
}
