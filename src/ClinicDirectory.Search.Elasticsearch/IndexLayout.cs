using System.Globalization;
using System.Text.Json.Nodes;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>
/// The indices of the directory in a cluster and their explicit mappings. Clinics and practitioners each have an index
/// named <c>{prefix}-clinics-{layout}-{stamp}</c> behind the alias <c>{prefix}-clinics</c> (and likewise
/// practitioners): a rebuild writes new indices and moves the aliases in one request, so searches never see a half-built
/// index. <c>{prefix}-projection</c> holds one document, the last change-log sequence applied and the layout.
/// </summary>
internal sealed class IndexLayout(string prefix)
{
    /// <summary>Changes whenever the mappings or the analysis change: an index of another layout is rebuilt on start.</summary>
    public const int Version = 3;

    public const string ClinicType = "clinics";
    public const string PractitionerType = "practitioners";

    public string Alias(string type) => $"{prefix}-{type}";

    /// <summary>A new index name for a build of the given type; the stamp orders builds.</summary>
    public string NewIndex(string type, DateTimeOffset now) =>
        $"{prefix}-{type}-v{Version}-{now.UtcDateTime.ToString("yyyyMMddHHmmssfff", CultureInfo.InvariantCulture)}";

    /// <summary>Every index of the type this service ever built, of any layout.</summary>
    public string AllIndices(string type) => $"{prefix}-{type}-v*";

    public string StateIndex => $"{prefix}-projection";

    public const string StateId = "state";

    /// <summary>The text fields a search's words are matched in (copied into <c>all</c>).</summary>
    public static readonly string[] TextFields = ["name", "description", "people", "place", "conditions_text", "techniques_text", "credentials_text", "profession_text"];

    /// <summary>
    /// The body that creates an index: one shard (the directory is small for a cluster, and facet counts over one shard
    /// are exact), English analysis with the taxonomy's condition synonyms at search time, and every field explicit.
    /// Bulk rebuilds start with refresh off; <see cref="ElasticsearchDirectoryEngine"/> turns it on when done.
    /// </summary>
    public static JsonObject CreateIndexBody(DirectoryTaxonomy taxonomy, int replicas, bool bulkLoad)
    {
        static JsonObject Keyword() => new() { ["type"] = "keyword" };
        static JsonObject Text(bool copy) => copy
            ? new() { ["type"] = "text", ["analyzer"] = "directory_text", ["search_analyzer"] = "directory_search", ["copy_to"] = "all" }
            : new() { ["type"] = "text", ["analyzer"] = "directory_text", ["search_analyzer"] = "directory_search" };

        var properties = new JsonObject
        {
            ["id"] = Keyword(),
            ["name_key"] = Keyword(),
            ["all"] = Text(copy: false),
            ["location"] = new JsonObject { ["type"] = "geo_point" },
            ["condition"] = Keyword(),
            // Certifications held, each with its kind (held, verified, qualified, qualified_verified) and the last day
            // it holds: nested, so that a filter or a facet reads a value, its kind and its date together.
            ["holdings"] = new JsonObject
            {
                ["type"] = "nested",
                ["properties"] = new JsonObject
                {
                    ["value"] = Keyword(),
                    ["kind"] = Keyword(),
                    ["until"] = new JsonObject { ["type"] = "date", ["format"] = "yyyy-MM-dd" },
                },
            },
            ["technique"] = Keyword(),
            ["language"] = Keyword(),
            ["city"] = Keyword(),
            ["profession"] = Keyword(),
            ["clinic_id"] = Keyword(),
            ["direct_billing"] = new JsonObject { ["type"] = "boolean" },
            ["accepting"] = new JsonObject { ["type"] = "boolean" },
            // The listing as stored: returned, never searched.
            ["listing"] = new JsonObject { ["type"] = "object", ["enabled"] = false },
        };
        foreach (var field in TextFields) properties[field] = Text(copy: true);

        return new JsonObject
        {
            ["settings"] = new JsonObject
            {
                ["number_of_shards"] = 1,
                ["number_of_replicas"] = replicas,
                ["refresh_interval"] = bulkLoad ? "-1" : "1s",
                ["analysis"] = new JsonObject
                {
                    ["filter"] = new JsonObject
                    {
                        ["english_possessive"] = new JsonObject { ["type"] = "stemmer", ["language"] = "possessive_english" },
                        ["english_stop"] = new JsonObject { ["type"] = "stop", ["stopwords"] = "_english_" },
                        ["english_stemmer"] = new JsonObject { ["type"] = "stemmer", ["language"] = "english" },
                        ["directory_synonyms"] = new JsonObject
                        {
                            ["type"] = "synonym_graph",
                            // A rule whose words are all stop words is skipped rather than refusing the index.
                            ["lenient"] = true,
                            ["synonyms"] = new JsonArray([.. SynonymRules(taxonomy).Select(r => (JsonNode)r)]),
                        },
                    },
                    ["analyzer"] = new JsonObject
                    {
                        ["directory_text"] = new JsonObject
                        {
                            ["type"] = "custom",
                            ["tokenizer"] = "standard",
                            ["filter"] = new JsonArray("english_possessive", "lowercase", "asciifolding", "english_stop", "english_stemmer"),
                        },
                        // synonym_graph belongs in the search analyzer only: "jaw pain" also looks for TMJ's name.
                        ["directory_search"] = new JsonObject
                        {
                            ["type"] = "custom",
                            ["tokenizer"] = "standard",
                            ["filter"] = new JsonArray("english_possessive", "lowercase", "asciifolding", "directory_synonyms", "english_stop", "english_stemmer"),
                        },
                    },
                },
            },
            ["mappings"] = new JsonObject
            {
                ["dynamic"] = "strict",
                ["properties"] = properties,
            },
        };
    }

    /// <summary>The state index: one document, not searched.</summary>
    public static JsonObject CreateStateIndexBody(int replicas) => new()
    {
        ["settings"] = new JsonObject { ["number_of_shards"] = 1, ["number_of_replicas"] = replicas },
        ["mappings"] = new JsonObject
        {
            ["dynamic"] = "strict",
            ["properties"] = new JsonObject
            {
                ["sequence"] = new JsonObject { ["type"] = "long" },
                ["layout"] = new JsonObject { ["type"] = "integer" },
                ["clinics_index"] = new JsonObject { ["type"] = "keyword" },
                ["practitioners_index"] = new JsonObject { ["type"] = "keyword" },
            },
        },
    };

    /// <summary>
    /// One equivalence rule per condition of the taxonomy: its name and every synonym ("Temporomandibular joint
    /// disorder, TMJ, jaw pain"). Commas and the rule syntax's other characters cannot occur inside a term.
    /// </summary>
    public static IReadOnlyList<string> SynonymRules(DirectoryTaxonomy taxonomy) =>
    [
        .. taxonomy.Conditions
            .Select(c => new[] { c.Name }.Concat(c.Synonyms).Select(Clean).Where(t => t.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList())
            .Where(terms => terms.Count > 1)
            .Select(terms => string.Join(", ", terms)),
    ];

    private static string Clean(string term)
    {
        var cleaned = new string([.. term.Select(ch => ch is ',' or '=' or '>' or '#' or '\\' ? ' ' : ch)]);
        return string.Join(' ', cleaned.Split(' ', StringSplitOptions.RemoveEmptyEntries));
    }
}
