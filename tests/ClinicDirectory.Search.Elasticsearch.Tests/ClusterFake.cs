using System.Text.Json;
using System.Text.Json.Nodes;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Search.Elasticsearch.Tests;

/// <summary>
/// Answers in the shapes the Elasticsearch reference documents for each API the engine calls, with what a test sets:
/// whether the projection state and aliases exist, how bulk items fare, the search response. Everything sent is kept.
/// </summary>
public sealed class ClusterFake : IDisposable
{
    public const string Prefix = "cd";

    private static readonly Lazy<DirectoryTaxonomy> SeedTaxonomy = new(() => SeedData.Locate(null).LoadTaxonomy());

    public ClusterFake() => Invoker = new RecordingInvoker(Answer);

    public static DirectoryTaxonomy Taxonomy => SeedTaxonomy.Value;

    public RecordingInvoker Invoker { get; }

    public string Version { get; set; } = "9.1.0";

    public int InfoStatus { get; set; } = 200;

    /// <summary>The recorded projection state (sequence, layout), or null for none.</summary>
    public (long Sequence, int Layout)? State { get; set; }

    public bool AliasesExist { get; set; } = true;

    /// <summary>What _cluster/health reports: green, yellow or red.</summary>
    public string Health { get; set; } = "yellow";

    /// <summary>The status of each bulk item, by attempt (1, 2, ...) and position; 201 when not given.</summary>
    public Func<int, int, int> BulkItemStatus { get; set; } = (_, _) => 201;

    /// <summary>The status of a whole bulk request, by attempt; 200 when not given.</summary>
    public Func<int, int> BulkStatus { get; set; } = _ => 200;

    public CannedResponse Search { get; set; } = new(200, """{"took":1,"timed_out":false,"_shards":{"total":1,"successful":1,"skipped":0,"failed":0},"hits":{"total":{"value":0,"relation":"eq"},"max_score":null,"hits":[]}}""");

    /// <summary>Points in time the cluster no longer has (search_context_missing_exception).</summary>
    public HashSet<string> ExpiredPointsInTime { get; } = [];

    private int _pointsInTime;

    public IReadOnlyList<SentRequest> Sent => Invoker.Sent;

    public IReadOnlyList<SentRequest> Bulks => [.. Sent.Where(s => s.Path.StartsWith("/_bulk", StringComparison.Ordinal))];

    public ElasticsearchDirectoryEngine Engine(TimeProvider? time = null) =>
        new(new ElasticsearchOptions { Url = "http://es.test:9200", IndexPrefix = Prefix, BulkSize = 1000 }, Taxonomy, time ?? TimeProvider.System, Invoker);

    private int _bulkAttempt;

    private CannedResponse Answer(SentRequest request)
    {
        var path = request.Path.Split('?')[0];
        switch (request.Method, path)
        {
            case ("GET", "/"):
                return new(InfoStatus, InfoStatus == 200
                    ? $$"""{"name":"node-1","cluster_name":"directory","cluster_uuid":"u1","version":{"number":"{{Version}}","build_flavor":"default","build_type":"docker","build_hash":"h","build_date":"2025-07-01T00:00:00.000Z","build_snapshot":false,"lucene_version":"10.2.2","minimum_wire_compatibility_version":"8.19.0","minimum_index_compatibility_version":"8.0.0"},"tagline":"You Know, for Search"}"""
                    : """{"error":{"root_cause":[{"type":"security_exception","reason":"unable to authenticate user"}],"type":"security_exception","reason":"unable to authenticate user"},"status":401}""");
            case ("GET", $"/{Prefix}-projection/_doc/state"):
                return State is { } s
                    ? new(200, $$$"""{"_index":"{{{Prefix}}}-projection","_id":"state","_version":3,"_seq_no":2,"_primary_term":1,"found":true,"_source":{"sequence":{{{s.Sequence}}},"layout":{{{s.Layout}}}}}""")
                    : new(404, $$"""{"_index":"{{Prefix}}-projection","_id":"state","found":false}""");
            case ("HEAD", _) when path.StartsWith("/_alias/", StringComparison.Ordinal):
                return new(AliasesExist ? 200 : 404, "");
            case ("HEAD", $"/{Prefix}-projection"):
                return new(State is null ? 404 : 200, "");
            case ("PUT", _) when !path[1..].Contains('/', StringComparison.Ordinal):
                return new(200, $$"""{"acknowledged":true,"shards_acknowledged":true,"index":"{{path[1..]}}"}""");
            case ("POST", "/_bulk"):
                return BulkAnswer(request);
            case ("PUT", _) when path.EndsWith("/_settings", StringComparison.Ordinal):
            case ("POST", "/_aliases"):
            case ("DELETE", _):
                return new(200, """{"acknowledged":true}""");
            case ("POST", _) when path.EndsWith("/_refresh", StringComparison.Ordinal):
                return new(200, """{"_shards":{"total":1,"successful":1,"failed":0}}""");
            case ("PUT", $"/{Prefix}-projection/_doc/state"):
            case ("POST", $"/{Prefix}-projection/_update/state"):
                return new(200, $$"""{"_index":"{{Prefix}}-projection","_id":"state","_version":2,"result":"updated","_shards":{"total":1,"successful":1,"failed":0},"_seq_no":1,"_primary_term":1}""");
            case ("GET", _) when path.Contains("-v*", StringComparison.Ordinal) || path.Contains("-v%2A", StringComparison.OrdinalIgnoreCase):
                var type = path.Contains("clinics", StringComparison.Ordinal) ? "clinics" : "practitioners";
                return new(200, "{\"" + Prefix + "-" + type + "-v1-20260101000000000\":{\"aliases\":{},\"mappings\":{},\"settings\":{}}}");
            case ("POST", _) when path.EndsWith("/_pit", StringComparison.Ordinal):
                return new(200, "{\"id\":\"pit-" + Interlocked.Increment(ref _pointsInTime) + "\",\"_shards\":{\"total\":1,\"successful\":1,\"skipped\":0,\"failed\":0}}");
            case ("POST", "/_search") when JsonDocument.Parse(request.Body).RootElement.GetProperty("pit").GetProperty("id").GetString() is { } pit && ExpiredPointsInTime.Contains(pit):
                return new(404, """{"error":{"root_cause":[{"type":"search_context_missing_exception","reason":"No search context found"}],"type":"search_phase_execution_exception","reason":"all shards failed"},"status":404}""");
            case ("POST", _) when path.EndsWith("/_search", StringComparison.Ordinal):
                return Search;
            case ("GET", "/_cluster/health"):
                return new(200, $$"""{"cluster_name":"directory","status":"{{Health}}","timed_out":false,"number_of_nodes":1,"number_of_data_nodes":1,"active_primary_shards":3,"active_shards":3,"relocating_shards":0,"initializing_shards":0,"unassigned_shards":3,"unassigned_primary_shards":0,"delayed_unassigned_shards":0,"number_of_pending_tasks":0,"number_of_in_flight_fetch":0,"task_max_waiting_in_queue_millis":0,"active_shards_percent_as_number":50.0}""");
            default:
                return new(400, $$"""{"error":{"type":"illegal_argument_exception","reason":"unexpected {{request.Method}} {{path}}"},"status":400}""");
        }
    }

    private CannedResponse BulkAnswer(SentRequest request)
    {
        var attempt = Interlocked.Increment(ref _bulkAttempt);
        var whole = BulkStatus(attempt);
        if (whole != 200)
            return new(whole, $$"""{"error":{"type":"es_rejected_execution_exception","reason":"rejected execution"},"status":{{whole}}}""");
        var items = new JsonArray();
        var lines = request.Lines;
        var position = 0;
        var errors = false;
        for (var i = 0; i < lines.Count; i++)
        {
            var action = JsonNode.Parse(lines[i])!.AsObject();
            var (op, meta) = (action.First().Key, action.First().Value!.AsObject());
            if (op != "delete") i++;
            var status = BulkItemStatus(attempt, position++);
            errors |= status >= 300;
            var item = new JsonObject
            {
                ["_index"] = meta["_index"]!.GetValue<string>(),
                ["_id"] = meta["_id"]!.GetValue<string>(),
                ["status"] = status,
            };
            if (status < 300)
            {
                item["_version"] = 1;
                item["result"] = op == "delete" ? "deleted" : "created";
                item["_seq_no"] = 0;
                item["_primary_term"] = 1;
                item["_shards"] = new JsonObject { ["total"] = 1, ["successful"] = 1, ["failed"] = 0 };
            }
            else
            {
                item["error"] = new JsonObject
                {
                    ["type"] = status == 429 ? "es_rejected_execution_exception" : "document_parsing_exception",
                    ["reason"] = status == 429 ? "rejected execution of coordinating operation" : "failed to parse field [location]",
                };
            }
            items.Add(new JsonObject { [op] = item });
        }
        return new(200, new JsonObject { ["took"] = 3, ["errors"] = errors, ["items"] = items }.ToJsonString());
    }

    /// <summary>The JSON body of a request.</summary>
    public static JsonElement Json(SentRequest request) => JsonDocument.Parse(request.Body).RootElement;

    public void Dispose() => Invoker.Dispose();
}
