using ClinicDirectory.Api.Access;
using ClinicDirectory.Api.GraphQL;
using ClinicDirectory.Core.Access;
using ClinicDirectory.Core.Editing;
using ClinicDirectory.Api.Hosting;
using ClinicDirectory.Core.Projection;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Store;
using ClinicDirectory.Store;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Search.Elasticsearch;
using ClinicDirectory.Search.Lucene;
using GraphQL;
using GraphQL.Validation;
using GraphQL.Validation.Complexity;
using GraphQL.Validation.Rules.Custom;
using Microsoft.Extensions.Options;

namespace ClinicDirectory.Api.Extensions;

/// <summary>Every service registration of the host.</summary>
public static class DirectoryServiceExtensions
{
    /// <summary>The most a single query may cost (connections multiply by <c>first</c>, other lists by 4).</summary>
    public const int MaxQueryCost = 25_000;

    public static WebApplicationBuilder AddDirectory(this WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<StoreOptions>().BindConfiguration(StoreOptions.Section);
        services.AddOptions<SearchOptions>().BindConfiguration(SearchOptions.Section);
        services.AddOptions<ElasticsearchOptions>().BindConfiguration(ElasticsearchOptions.Section);
        services.AddOptions<SeedOptions>().BindConfiguration(SeedOptions.Section);
        services.AddSingleton(TimeProvider.System);

        // Reference data from the seed folder: read once, shared by every request.
        services.AddSingleton(sp => SeedData.Locate(sp.GetRequiredService<IOptions<SeedOptions>>().Value.Path));
        services.AddSingleton(sp => sp.GetRequiredService<SeedData>().LoadTaxonomy());
        services.AddSingleton(sp => sp.GetRequiredService<SeedData>().LoadGazetteer());
        services.AddSingleton<SearchRequestBuilder>();
        services.AddSingleton<FacetLabels>();

        // One process per data directory; the lock is taken before the store and the engine open their files.
        services.AddSingleton(sp => DataDirectoryLock.Acquire(sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataPath));
        // The store of record (SQLite under the data directory, or PostgreSQL) and the embedded index, its projection.
        services.AddSingleton<IDirectoryStore>(CreateStore);
        services.AddSingleton<IDirectoryEngine>(CreateEngine);
        services.AddSingleton(sp => sp.GetRequiredService<SeedData>().LoadJurisdictionRules());
        services.AddSingleton(sp => new DirectoryProjector(sp.GetRequiredService<IDirectoryStore>(), sp.GetRequiredService<IDirectoryEngine>(), sp.GetRequiredService<Core.Taxonomy.JurisdictionRules>()));
        services.AddSingleton<ChangeFollower>();
        services.AddHostedService(sp => sp.GetRequiredService<ChangeFollower>());

        // Keys, documents and edits: committed to the store before they are acknowledged.
        services.AddOptions<AuthOptions>().BindConfiguration(AuthOptions.Section);
        services.AddOptions<RateLimitingOptions>().BindConfiguration(RateLimitingOptions.Section);
        services.AddOptions<GraphQLOptions>().BindConfiguration(GraphQLOptions.Section);
        services.AddSingleton<ApiKeyStore>();
        services.AddSingleton<DirectoryEditor>();
        services.AddSingleton<PersistedDocumentStore>();
        services.AddSingleton<AutomaticPersistedQueries>();
        services.AddSingleton<PersistedQueries>();
        services.AddSingleton<PersistedDocumentRegistration>();
        services.AddScoped<PractitionersByClinic>();

        // API keys as an authentication scheme; the GraphQL endpoint admits anonymous callers and valid keys.
        services.AddAuthentication(ApiKeyAuthenticationHandler.SchemeName)
            .AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthenticationHandler>(ApiKeyAuthenticationHandler.SchemeName, null);
        services.AddAuthorizationBuilder()
            .AddPolicy(ApiKeyAuthenticationHandler.DirectoryCallerPolicy, policy => policy.RequireAssertion(c =>
                c.User.Identity?.IsAuthenticated == true || c.Resource is HttpContext http && http.Request.Headers.Authorization.Count == 0))
            .AddPolicy(ApiKeyAuthenticationHandler.AdminPolicy, policy => policy.RequireRole(nameof(ApiKeyRole.Admin)));
        services.AddDirectoryRateLimits();
        services.AddHealthChecks().AddCheck<ReadinessHealthCheck>("directory", tags: [ReadinessHealthCheck.Tag]);
        services.AddCors();
        services.AddSingleton<PartnerCorsPolicyProvider>();
        services.AddSingleton<Microsoft.AspNetCore.Cors.Infrastructure.ICorsPolicyProvider>(sp => sp.GetRequiredService<PartnerCorsPolicyProvider>());
        services.AddSingleton<Readiness>();
        services.AddSingleton<ValidatedDocuments>();
        services.AddSingleton<global::GraphQL.DI.IConfigureExecution, DocumentGate>();
        services.AddHostedService<DirectoryStartup>();

        services.AddGraphQL(b => b
            .AddSchema<DirectorySchema>()
            // Apollo Federation v2: _service { sdl } and _entities for Clinic and Practitioner, so partners' gateways can compose the directory.
            .AddFederation("2.3")
            .AddSystemTextJson()
            // Document ids (sha256:<hash>) of registered documents, and of Apollo's automatic persisted queries.
            .UsePersistedDocuments(o =>
            {
                o.AllowOnlyPersistedDocuments = false;
                o.GetQueryDelegate = (options, prefix, payload) => options.RequestServices!.GetRequiredService<PersistedQueries>().GetQueryAsync(options, prefix, payload);
            })
            .AddGraphTypes(typeof(DirectorySchema).Assembly)
            // Queries: the library's parallel strategy, writing lists of plain objects without a node per field.
            .AddExecutionStrategy<DirectoryExecutionStrategy>(GraphQLParser.AST.OperationType.Query)
            .AddErrorInfoProvider(o =>
            {
                o.ExposeExceptionDetails = false;
                o.ExposeData = true;
            })
            .AddUnhandledExceptionHandler(ctx =>
            {
                var logger = ctx.Context?.RequestServices?.GetService<ILogger<DirectorySchema>>();
                if (ctx.OriginalException is SearchEngineUnavailableException unavailable)
                {
                    // The cluster's answer is for the operator; the client gets a coded error without it.
                    logger?.LogWarning("The search engine could not answer: {Reason}", unavailable.Message);
                    ctx.Exception = new ExecutionError("Search is unavailable for a moment; try again shortly.") { Code = "SEARCH_UNAVAILABLE" };
                    return;
                }
                // The request id is in the log line's scope; the query is cut to its first 500 characters.
                var query = ctx.Context?.Document?.Source.ToString() ?? "";
                logger?.LogError(ctx.OriginalException, "Unhandled error in GraphQL execution of {Query}", query.Length <= 500 ? query : query[..500] + "…");
            }));
        // The query's cost, checked by the document validator after the variables are parsed (see there). A search
        // page with nested practitioners and credentials stays well below these; recursive clinic -> practitioners
        // -> clinics -> ... selections do not.
        // Depth is limited before validation by DocumentLimits, which leaves introspection out; introspection
        // costs nothing here either (it reads the schema, not the directory).
        var costs = new ComplexityOptions
        {
            DefaultListImpactMultiplier = 4,
        };
        var directoryImpact = costs.DefaultComplexityImpactDelegate;
        costs.DefaultComplexityImpactDelegate = field =>
            field.FieldDefinition.Name.StartsWith("__", StringComparison.Ordinal) || field.ParentType.Name.StartsWith("__", StringComparison.Ordinal)
                ? new FieldComplexityResult(0, 1)
                : directoryImpact(field);
        services.AddSingleton<CostBudgets>();
        services.AddSingleton(sp =>
        {
            var budgets = sp.GetRequiredService<CostBudgets>();
            costs.ValidateComplexityDelegate = context =>
            {
                // The per-request limit: setting this delegate replaces the library's own MaxComplexity check.
                if (context.TotalImpact > MaxQueryCost)
                {
                    context.Error = new ValidationError(
                        $"The query costs {context.TotalImpact:F0}; the most a query may cost is {MaxQueryCost}. Ask for fewer results (first) or fewer nested lists.")
                    { Code = "COMPLEXITY" };
                    return Task.CompletedTask;
                }
                if (context.ValidationContext.UserContext is RequestContext request)
                {
                    request.Cost = context.TotalImpact;
                    if (!budgets.TryTake(request.CostPartition, context.TotalImpact, out var retryAfter))
                    {
                        request.BudgetRetryAfter = retryAfter;
                        context.Error = new ValidationError(
                            $"The query costs {context.TotalImpact:F0}, more than is left of this caller's budget of {budgets.PerMinute} per minute.")
                        { Code = "COST_BUDGET_EXCEEDED" };
                    }
                }
                return Task.CompletedTask;
            };
            return new ComplexityValidationRule(costs);
        });
        services.AddSingleton<IDocumentValidator, DirectoryDocumentValidator>();
        return builder;
    }

    private static IDirectoryStore CreateStore(IServiceProvider sp)
    {
        var options = sp.GetRequiredService<IOptions<StoreOptions>>().Value;
        sp.GetRequiredService<DataDirectoryLock>();
        return StoreProviders.Create(options);
    }

    private static IDirectoryEngine CreateEngine(IServiceProvider sp)
    {
        var search = sp.GetRequiredService<IOptions<SearchOptions>>().Value;
        var taxonomy = sp.GetRequiredService<Core.Taxonomy.DirectoryTaxonomy>();
        var time = sp.GetRequiredService<TimeProvider>();
        if (string.Equals(search.Engine, "Elasticsearch", StringComparison.OrdinalIgnoreCase))
        {
            var options = sp.GetRequiredService<IOptions<ElasticsearchOptions>>().Value;
            try
            {
                // The cluster connection; tests register Elastic.Transport's in-memory invoker in its place.
                return new ElasticsearchDirectoryEngine(options, taxonomy, time, sp.GetService<Elastic.Transport.IRequestInvoker>());
            }
            catch (ArgumentException invalid)
            {
                throw new StartupRefusedException(invalid.Message, invalid);
            }
            catch (Exception unreadable) when (unreadable is IOException or UnauthorizedAccessException or System.Security.Cryptography.CryptographicException)
            {
                throw new StartupRefusedException($"Elasticsearch:CaCertificatePath \"{options.CaCertificatePath}\" could not be read: {unreadable.Message}", unreadable);
            }
        }
        if (!string.Equals(search.Engine, "Lucene", StringComparison.OrdinalIgnoreCase))
            throw new StartupRefusedException($"Search:Engine \"{search.Engine}\" is not an engine of this build; use \"Lucene\" (embedded, the default) or \"Elasticsearch\".");
        var dataPath = sp.GetRequiredService<IOptions<StoreOptions>>().Value.DataPath;
        sp.GetRequiredService<DataDirectoryLock>();
        return new LuceneDirectoryEngine(new LuceneEngineOptions { IndexPath = Path.Combine(dataPath, "index") }, taxonomy, time);
    }
}
