using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>Rebuilds as one unit, and writes that fail part-way, on a real index in a temp directory.</summary>
public sealed class WriteFailureTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>A listing too large for the index: building its document fails.</summary>
    private static Clinic Oversized(string id) =>
        TestListings.Clinic(id, "Oversized Clinic", TestListings.OkotoksLat, TestListings.OkotoksLon, description: new string('x', 40_000));

    private static IndexBatch Batch(params Clinic[] clinics) => TestBatches.Of(0, clinics);

    private long Count() => _fixture.Engine.CountClinics();

    private List<string> SearchIds(string text)
    {
        var (request, _) = _fixture.Requests.Build(new SearchFilter { Text = text }, SearchSort.Relevance, 20, null);
        return [.. _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult().Hits.Select(h => h.Item.Id)];
    }

    [Fact]
    public async Task A_rebuild_is_searchable_when_it_returns_and_after_a_restart_with_its_sequence()
    {
        await _fixture.Engine.RebuildAsync(
        [
            Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)),
            Batch(TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0), TestListings.Clinic("c", "Gamma Rehab", 50.9, -114.1)),
        ], 7, default);
        Assert.Equal(3, Count());
        Assert.Equal(["a", "b"], SearchIds("physiotherapy").Order());
        Assert.Equal(7, _fixture.Engine.AppliedSequence);

        _fixture.Reopen();
        Assert.Equal(7, _fixture.Engine.AppliedSequence);
        Assert.Equal(3, Count());
        Assert.Equal(["c"], SearchIds("gamma"));
    }

    [Fact]
    public async Task A_rebuild_replaces_everything_the_index_held()
    {
        await _fixture.Engine.RebuildAsync([Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9))], 1, default);
        await _fixture.Engine.RebuildAsync([Batch(TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0))], 2, default);
        Assert.Equal(["b"], SearchIds("physiotherapy"));
    }

    [Fact]
    public async Task A_rebuild_that_fails_part_way_leaves_the_index_as_it_was_even_after_a_restart()
    {
        await _fixture.Engine.RebuildAsync([Batch(TestListings.Clinic("old", "Old Physiotherapy", 50.7, -113.9))], 3, default);
        var batches = new[]
        {
            Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)),
            Batch(Oversized("too-big")),
        };
        await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.RebuildAsync(batches, 4, default));
        Assert.Equal(["old"], SearchIds("physiotherapy"));
        Assert.Equal(3, _fixture.Engine.AppliedSequence);
        _fixture.Reopen();
        Assert.Equal(["old"], SearchIds("physiotherapy"));
        Assert.Equal(3, _fixture.Engine.AppliedSequence);
    }

    /// <summary>Batches as the projector reads them from the store: one at a time, the next read when it is needed.</summary>
    private static IEnumerable<IndexBatch> Reading(Action afterFirst)
    {
        yield return Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9));
        afterFirst();
        yield return Batch(TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0));
    }

    [Fact]
    public async Task A_batch_that_cannot_be_read_fails_the_rebuild_with_its_own_error_and_changes_nothing()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.RebuildAsync(
            Reading(() => throw new InvalidDataException("the store could not be read.")), 1, default));
        Assert.Equal("the store could not be read.", error.Message);
        Assert.Equal(0, Count());
        _fixture.Reopen();
        Assert.Equal(0, Count());
        Assert.Equal(0, _fixture.Engine.AppliedSequence);
    }

    [Fact]
    public async Task A_rebuild_cancelled_part_way_changes_nothing()
    {
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Engine.RebuildAsync(Reading(stop.Cancel), 1, stop.Token));
        Assert.Equal(0, Count());
        _fixture.Reopen();
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task A_failed_write_changes_nothing_and_the_next_write_succeeds()
    {
        await _fixture.Engine.ApplyAsync(TestBatches.Of(1, [TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)]), default);

        await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.ApplyAsync(
            TestBatches.Of(2, [TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0), Oversized("too-big")]), default));
        Assert.Equal(["a"], SearchIds("physiotherapy"));
        Assert.Equal(1, _fixture.Engine.AppliedSequence);

        await _fixture.Engine.ApplyAsync(TestBatches.Of(3, [TestListings.Clinic("c", "Gamma Physiotherapy", 50.9, -114.1)]), default);
        Assert.Equal(["a", "c"], SearchIds("physiotherapy").Order());
        _fixture.Reopen();
        Assert.Equal(["a", "c"], SearchIds("physiotherapy").Order());
        Assert.Equal(3, _fixture.Engine.AppliedSequence);
    }
}
