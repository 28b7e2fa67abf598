using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using ClinicDirectory.Core.Taxonomy;
using Elastic.Clients.Elasticsearch;
using Elastic.Clients.Elasticsearch.Core.Bulk;
using Elastic.Clients.Elasticsearch.IndexManagement;
using Elastic.Clients.Elasticsearch.QueryDsl;
using Elastic.Transport;
using Elastic.Transport.Products.Elasticsearch;
using SearchRequest = ClinicDirectory.Core.Search.SearchRequest;

namespace ClinicDirectory.Search.Elasticsearch;

/// <summary>
/// The directory's search index in an Elasticsearch cluster, a projection of the store of record like the embedded
/// engine: it writes the documents it is given through <c>_bulk</c>, records the last change-log sequence it applied in
/// the cluster, and answers searches with the embedded engine's semantics (<see cref="SearchTranslation"/>). A rebuild
/// writes new indices and moves the aliases to them in one request.
/// </summary>
public sealed class ElasticsearchDirectoryEngine : IDirectoryEngine
{
    /// <summary>The Elasticsearch major version this build's requests and mappings are written for.</summary>
    public const int SupportedMajorVersion = 9;

    private const int MaxAttempts = 6;

    private readonly ElasticsearchClient _client;
    private readonly ElasticsearchOptions _options;
    private readonly DirectoryTaxonomy _taxonomy;
    private readonly TimeProvider _time;
    private readonly IndexLayout _layout;
    private readonly SearchTranslation _translation;
    private long _applied;
    private volatile bool _clusterChecked;
    private volatile bool _stateIndexReady;

    public ElasticsearchDirectoryEngine(ElasticsearchOptions options, DirectoryTaxonomy taxonomy, TimeProvider time, IRequestInvoker? invoker = null)
    {
        _options = options;
        _taxonomy = taxonomy;
        _time = time;
        _client = ElasticsearchClients.Create(options, invoker);
        _layout = new IndexLayout(options.IndexPrefix);
        _translation = new SearchTranslation(_layout, taxonomy.BodyIds);
    }

    public long AppliedSequence => Interlocked.Read(ref _applied);

    /// <summary>
    /// Whether the cluster can serve this build: reachable, accepting the credentials, and Elasticsearch 9. Throws
    /// <see cref="SearchEngineUnavailableException"/> with a message for the operator otherwise.
    /// </summary>
    public async Task CheckClusterAsync(CancellationToken cancellationToken)
    {
        var info = await _client.InfoAsync(cancellationToken);
        if (!info.IsValidResponse)
        {
            var status = info.ApiCallDetails.HttpStatusCode;
            throw new SearchEngineUnavailableException(status switch
            {
                401 => $"Elasticsearch at {_options.Url} refused the credentials (401): check Elasticsearch:ApiKey or Username and Password.",
                403 => $"Elasticsearch at {_options.Url} does not allow this user to read the cluster (403).",
                null => $"Elasticsearch at {_options.Url} could not be reached: {Reason(info.ApiCallDetails)}",
                _ => $"Elasticsearch at {_options.Url} answered {status}: {Reason(info.ApiCallDetails)}",
            });
        }
        var version = info.Version?.Number ?? "";
        if (!int.TryParse(version.Split('.')[0], out var major) || major != SupportedMajorVersion)
            throw new SearchEngineUnavailableException(
                $"Elasticsearch at {_options.Url} is version {version}; this build supports Elasticsearch {SupportedMajorVersion}.x.");
        _clusterChecked = true;
    }

    /// <summary>The cluster's health for readiness: green and yellow serve, red or no answer does not.</summary>
    public async Task<(bool Serving, string Status)> ClusterHealthAsync(CancellationToken cancellationToken)
    {
        try
        {
            var health = await _client.Cluster.HealthAsync(new Elastic.Clients.Elasticsearch.Cluster.HealthRequest(), cancellationToken);
            if (!health.IsValidResponse) return (false, "Elasticsearch did not answer: " + Reason(health.ApiCallDetails));
            var status = health.Status.ToString().ToLowerInvariant();
            return (health.Status != HealthStatus.Red, "Elasticsearch cluster " + status);
        }
        catch (TransportException ex)
        {
            return (false, "Elasticsearch did not answer: " + ex.Message);
        }
    }

    public async Task<long?> InitializeAsync(CancellationToken cancellationToken)
    {
        // The service's start-up checks have usually asked already.
        if (!_clusterChecked) await CheckClusterAsync(cancellationToken);
        var state = await ReadStateAsync(cancellationToken);
        if (state is not { Layout: IndexLayout.Version } current) return null;
        foreach (var type in new[] { IndexLayout.ClinicType, IndexLayout.PractitionerType })
        {
            var alias = await _client.Indices.ExistsAliasAsync(new ExistsAliasRequest(_layout.Alias(type)), cancellationToken);
            if (!alias.Exists) return null;
        }
        Interlocked.Exchange(ref _applied, current.Sequence);
        return current.Sequence;
    }

    public Task WarmUpAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task<SearchResult<Clinic>> SearchClinicsAsync(SearchRequest request, CancellationToken cancellationToken) =>
        SearchAsync<Clinic>(request, IndexLayout.ClinicType, cancellationToken);

    public Task<SearchResult<Practitioner>> SearchPractitionersAsync(SearchRequest request, CancellationToken cancellationToken) =>
        SearchAsync<Practitioner>(request, IndexLayout.PractitionerType, cancellationToken);

    /// <summary>
    /// A search. The first page reads the index as it is; a later page reads a point in time, opened when the client
    /// asks for the second page and carried in the cursors from then on, so every later page sees the same view. A
    /// point in time that has expired, or that is not one of this directory's, is replaced by a new one.
    /// </summary>
    private async Task<SearchResult<T>> SearchAsync<T>(SearchRequest request, string type, CancellationToken cancellationToken)
    {
        if (!SearchTranslation.CanMatch(request)) return new SearchResult<T>();
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        if (request.After is null)
        {
            var response = await _client.SearchAsync<JsonElement>(_translation.Search(request, type, today), cancellationToken);
            EnsureValid(response, "search");
            return SearchTranslation.Read<T>(request, response);
        }
        var carried = request.After.Snapshot;
        var pointInTime = carried ?? await OpenPointInTimeAsync(type, cancellationToken);
        var paged = await _client.SearchAsync<JsonElement>(_translation.Search(request, type, today, pointInTime), cancellationToken);
        if (carried is not null && (paged.ApiCallDetails.HttpStatusCode is 400 or 404 || (paged.IsValidResponse && !FromThisDirectory(paged, type))))
        {
            pointInTime = await OpenPointInTimeAsync(type, cancellationToken);
            paged = await _client.SearchAsync<JsonElement>(_translation.Search(request, type, today, pointInTime), cancellationToken);
        }
        EnsureValid(paged, "search");
        return SearchTranslation.Read<T>(request, paged, paged.PitId ?? pointInTime);
    }

    private async Task<string> OpenPointInTimeAsync(string type, CancellationToken cancellationToken)
    {
        var opened = await _client.OpenPointInTimeAsync(
            new OpenPointInTimeRequest(_layout.Alias(type)) { KeepAlive = SearchTranslation.PointInTimeKeepAlive }, cancellationToken);
        EnsureValid(opened, "open a point in time");
        return opened.Id;
    }

    /// <summary>Whether every hit comes from this directory's indices of the type (a cursor's point in time is the client's to send).</summary>
    private bool FromThisDirectory(SearchResponse<JsonElement> response, string type) =>
        response.Hits.All(h => h.Index.StartsWith(_layout.Alias(type) + "-v", StringComparison.Ordinal));

    public async Task<IReadOnlyList<Clinic>> GetClinicsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await GetAsync<Clinic>(IndexLayout.ClinicType, ids, c => c.Id, cancellationToken);

    public async Task<IReadOnlyList<Practitioner>> GetPractitionersAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
        await GetAsync<Practitioner>(IndexLayout.PractitionerType, ids, p => p.Id, cancellationToken);

    private async Task<List<T>> GetAsync<T>(string type, IReadOnlyCollection<string> ids, Func<T, string> id, CancellationToken cancellationToken)
    {
        if (ids.Count == 0) return [];
        var response = await _client.SearchAsync<JsonElement>(_translation.ByIds(type, ids), cancellationToken);
        EnsureValid(response, "read by id");
        var found = response.Hits.Select(h => SearchTranslation.Listing<T>(h.Source)).ToDictionary(id, StringComparer.Ordinal);
        return [.. ids.Distinct().Where(found.ContainsKey).Select(i => found[i])];
    }

    public async Task<IReadOnlyDictionary<string, IReadOnlyList<Practitioner>>> GetPractitionersOfClinicsAsync(IReadOnlyCollection<string> clinicIds, CancellationToken cancellationToken)
    {
        var result = clinicIds.Distinct().ToDictionary(c => c, _ => (IReadOnlyList<Practitioner>)[], StringComparer.Ordinal);
        if (result.Count == 0) return result;
        var response = await _client.SearchAsync<JsonElement>(_translation.PractitionersOf(result.Keys), cancellationToken);
        EnsureValid(response, "read practitioners");
        var practitioners = response.Hits.Select(h => SearchTranslation.Listing<Practitioner>(h.Source)).OrderBy(p => p.Name, StringComparer.Ordinal).ToList();
        foreach (var group in practitioners.SelectMany(p => p.ClinicIds.Where(result.ContainsKey).Select(c => (Clinic: c, Practitioner: p))).GroupBy(x => x.Clinic))
            result[group.Key] = [.. group.Select(x => x.Practitioner)];
        return result;
    }

    public async Task ApplyAsync(IndexBatch batch, CancellationToken cancellationToken)
    {
        var clinics = _layout.Alias(IndexLayout.ClinicType);
        var practitioners = _layout.Alias(IndexLayout.PractitionerType);
        await BulkAsync(Operations(batch, clinics, practitioners), waitForRefresh: true, cancellationToken);
        await WriteStateAsync(batch.Sequence, null, cancellationToken);
        Interlocked.Exchange(ref _applied, batch.Sequence);
    }

    public async Task RebuildAsync(IEnumerable<IndexBatch> batches, long sequence, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        var clinics = _layout.NewIndex(IndexLayout.ClinicType, now);
        var practitioners = _layout.NewIndex(IndexLayout.PractitionerType, now);
        await CreateIndexAsync(clinics, IndexLayout.CreateIndexBody(_taxonomy, replicas: 0, bulkLoad: true), cancellationToken);
        await CreateIndexAsync(practitioners, IndexLayout.CreateIndexBody(_taxonomy, replicas: 0, bulkLoad: true), cancellationToken);
        foreach (var batch in batches)
            await BulkAsync(Operations(batch, clinics, practitioners), waitForRefresh: false, cancellationToken);

        // Searchable and replicated as configured before the aliases move to the new indices.
        foreach (var index in new[] { clinics, practitioners })
        {
            var settings = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.PUT, $"/{index}/_settings",
                PostData.String($$$"""{"index":{"refresh_interval":"1s","number_of_replicas":{{{_options.Replicas}}}}}"""), cancellationToken);
            EnsureValid(settings, "index settings");
            EnsureValid(await _client.Indices.RefreshAsync(new RefreshRequest(index), cancellationToken), "refresh");
        }

        // One request moves both aliases: a search sees the old indices or the new ones, never a mix.
        var aliases = await _client.Indices.UpdateAliasesAsync(new UpdateAliasesRequest
        {
            Actions =
            [
                new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = _layout.AllIndices(IndexLayout.ClinicType), Alias = _layout.Alias(IndexLayout.ClinicType), MustExist = false } },
                new IndexUpdateAliasesAction { Remove = new RemoveAction { Index = _layout.AllIndices(IndexLayout.PractitionerType), Alias = _layout.Alias(IndexLayout.PractitionerType), MustExist = false } },
                new IndexUpdateAliasesAction { Add = new AddAction { Index = clinics, Alias = _layout.Alias(IndexLayout.ClinicType), IsWriteIndex = true } },
                new IndexUpdateAliasesAction { Add = new AddAction { Index = practitioners, Alias = _layout.Alias(IndexLayout.PractitionerType), IsWriteIndex = true } },
            ],
        }, cancellationToken);
        EnsureValid(aliases, "alias swap");
        await WriteStateAsync(sequence, (clinics, practitioners), cancellationToken);
        Interlocked.Exchange(ref _applied, sequence);

        // Earlier builds are not read any more.
        foreach (var type in new[] { IndexLayout.ClinicType, IndexLayout.PractitionerType })
        {
            var current = type == IndexLayout.ClinicType ? clinics : practitioners;
            var all = await _client.Indices.GetAsync(new GetIndexRequest(_layout.AllIndices(type)), cancellationToken);
            if (!all.IsValidResponse) continue;
            foreach (var old in all.Indices.Keys.Select(k => k.ToString()).Where(n => n != current))
                await _client.Indices.DeleteAsync(new DeleteIndexRequest(old), cancellationToken);
        }
    }

    private IEnumerable<IBulkOperation> Operations(IndexBatch batch, string clinicIndex, string practitionerIndex)
    {
        var today = DateOnly.FromDateTime(_time.GetUtcNow().UtcDateTime);
        foreach (var (clinic, practitioners) in batch.Clinics)
            yield return new BulkIndexOperation<ListingDocument>(ListingDocument.OfClinic(clinic, practitioners, batch.AssessmentOf, _taxonomy, today)) { Index = clinicIndex, Id = clinic.Id };
        foreach (var (practitioner, clinics) in batch.Practitioners)
            yield return new BulkIndexOperation<ListingDocument>(ListingDocument.OfPractitioner(practitioner, clinics, batch.AssessmentOf(practitioner), _taxonomy, today)) { Index = practitionerIndex, Id = practitioner.Id };
        foreach (var id in batch.DeletedClinicIds) yield return new BulkDeleteOperation(id) { Index = clinicIndex };
        foreach (var id in batch.DeletedPractitionerIds) yield return new BulkDeleteOperation(id) { Index = practitionerIndex };
    }

    /// <summary>
    /// Writes the operations in bulk requests of <see cref="ElasticsearchOptions.BulkSize"/>. Items the cluster refuses
    /// for load (429, 503), and whole requests it refuses so, are sent again with growing pauses; any other refused
    /// item stops the batch, so the projection does not record a sequence it did not apply. With
    /// <paramref name="waitForRefresh"/> the last request returns once everything is searchable.
    /// </summary>
    private async Task BulkAsync(IEnumerable<IBulkOperation> operations, bool waitForRefresh, CancellationToken cancellationToken)
    {
        var chunks = operations.Chunk(Math.Max(1, _options.BulkSize)).ToList();
        if (chunks.Count == 0 && waitForRefresh) return;
        for (var c = 0; c < chunks.Count; c++)
        {
            IReadOnlyList<IBulkOperation> pending = chunks[c];
            var last = c == chunks.Count - 1;
            for (var attempt = 1; pending.Count > 0; attempt++)
            {
                var request = new BulkRequest { Operations = [.. pending], Refresh = waitForRefresh && last ? Refresh.WaitFor : Refresh.False };
                var response = await _client.BulkAsync(request, cancellationToken);
                var status = response.ApiCallDetails.HttpStatusCode;
                if (status is 429 or 503 || (response.ApiCallDetails.HttpStatusCode is null && attempt < MaxAttempts))
                {
                    if (attempt >= MaxAttempts) throw Unavailable("bulk write", response.ApiCallDetails);
                    await Task.Delay(Backoff(attempt), _time, cancellationToken);
                    continue;
                }
                EnsureValid(response, "bulk write", allowItemErrors: true);
                var retry = new List<IBulkOperation>();
                var items = response.Items.ToList();
                for (var i = 0; i < items.Count; i++)
                {
                    var item = items[i];
                    if (item.Status is >= 200 and < 300) continue;
                    if (item.Status == 404 && pending[i] is BulkDeleteOperation) continue;
                    if (item.Status is 429 or 503 && attempt < MaxAttempts)
                    {
                        retry.Add(pending[i]);
                        continue;
                    }
                    throw new SearchEngineUnavailableException(
                        $"Elasticsearch refused to write {item.Index}/{item.Id} ({item.Status}): {item.Error?.Type} {item.Error?.Reason}");
                }
                pending = retry;
                if (pending.Count > 0) await Task.Delay(Backoff(attempt), _time, cancellationToken);
            }
        }
    }

    private static TimeSpan Backoff(int attempt) => TimeSpan.FromMilliseconds(100 * Math.Pow(2, attempt - 1));

    private sealed record ProjectionState(long Sequence, int Layout);

    private async Task<ProjectionState?> ReadStateAsync(CancellationToken cancellationToken)
    {
        var response = await _client.GetAsync<JsonElement>(new GetRequest(_layout.StateIndex, IndexLayout.StateId), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 404 || !response.Found) return null;
        EnsureValid(response, "read the projection state");
        var source = response.Source;
        return new ProjectionState(source.GetProperty("sequence").GetInt64(), source.GetProperty("layout").GetInt32());
    }

    private async Task WriteStateAsync(long sequence, (string Clinics, string Practitioners)? indices, CancellationToken cancellationToken)
    {
        // Made once: every later write only updates its document.
        if (!_stateIndexReady)
        {
            var exists = await _client.Indices.ExistsAsync(new Elastic.Clients.Elasticsearch.IndexManagement.ExistsRequest(_layout.StateIndex), cancellationToken);
            if (!exists.Exists)
                await CreateIndexAsync(_layout.StateIndex, IndexLayout.CreateStateIndexBody(_options.Replicas), cancellationToken);
            _stateIndexReady = true;
        }
        var state = new Dictionary<string, object> { ["sequence"] = sequence, ["layout"] = IndexLayout.Version };
        if (indices is { } built)
        {
            state["clinics_index"] = built.Clinics;
            state["practitioners_index"] = built.Practitioners;
            var written = await _client.IndexAsync(new IndexRequest<Dictionary<string, object>>(state, _layout.StateIndex, IndexLayout.StateId), cancellationToken);
            EnsureValid(written, "record the projection state");
        }
        else
        {
            var updated = await _client.UpdateAsync<Dictionary<string, object>, Dictionary<string, object>>(
                new UpdateRequest<Dictionary<string, object>, Dictionary<string, object>>(_layout.StateIndex, IndexLayout.StateId) { Doc = state, DocAsUpsert = true },
                cancellationToken);
            EnsureValid(updated, "record the projection state");
        }
    }

    private async Task CreateIndexAsync(string name, System.Text.Json.Nodes.JsonObject body, CancellationToken cancellationToken)
    {
        var response = await _client.Transport.RequestAsync<StringResponse>(Elastic.Transport.HttpMethod.PUT, "/" + name, PostData.String(body.ToJsonString()), cancellationToken);
        if (response.ApiCallDetails.HttpStatusCode == 400 && response.Body.Contains("resource_already_exists_exception", StringComparison.Ordinal)) return;
        EnsureValid(response, "create index " + name);
    }

    private static void EnsureValid(TransportResponse response, string what, bool allowItemErrors = false)
    {
        var details = response.ApiCallDetails;
        if (details.HasSuccessfulStatusCode && (allowItemErrors || response is not ElasticsearchResponse { IsValidResponse: false })) return;
        throw Unavailable(what, details);
    }

    private static SearchEngineUnavailableException Unavailable(string what, ApiCallDetails details) =>
        new($"Elasticsearch could not {what}: " + Reason(details), details.OriginalException ?? new InvalidOperationException(Reason(details)));

    private static string Reason(ApiCallDetails details)
    {
        if (details.HttpStatusCode is null) return details.OriginalException?.Message ?? "no answer";
        var body = details.ResponseBodyInBytes is { } bytes ? System.Text.Encoding.UTF8.GetString(bytes) : "";
        return $"HTTP {details.HttpStatusCode} {(body.Length > 300 ? body[..300] + "…" : body)}";
    }

    public void Dispose()
    {
    }
}
