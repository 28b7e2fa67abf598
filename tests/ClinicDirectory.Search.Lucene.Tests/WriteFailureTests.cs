using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>Loading the seed as one unit, and writes that fail part-way, on a real index in a temp directory.</summary>
public sealed class WriteFailureTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    /// <summary>A listing too large for the index: building its document fails.</summary>
    private static Clinic Oversized(string id) =>
        TestListings.Clinic(id, "Oversized Clinic", TestListings.OkotoksLat, TestListings.OkotoksLon, description: new string('x', 40_000));

    private static DirectoryChange Batch(params Clinic[] clinics) => new() { Clinics = clinics };

    private long Count() => _fixture.Engine.CountClinicsAsync(default).GetAwaiter().GetResult();

    private List<string> SearchIds(string text)
    {
        var (request, _) = _fixture.Requests.Build(new SearchFilter { Text = text }, SearchSort.Relevance, 20, null);
        return [.. _fixture.Engine.SearchClinicsAsync(request, default).GetAwaiter().GetResult().Hits.Select(h => h.Item.Id)];
    }

    [Fact]
    public async Task A_load_is_searchable_when_it_returns_and_after_a_restart()
    {
        await _fixture.Engine.LoadAsync(
        [
            Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)),
            Batch(TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0), TestListings.Clinic("c", "Gamma Rehab", 50.9, -114.1)),
        ], default);
        Assert.Equal(3, Count());
        Assert.Equal(["a", "b"], SearchIds("physiotherapy").Order());

        _fixture.Reopen();
        Assert.Equal(3, Count());
        Assert.Equal(["c"], SearchIds("gamma"));
    }

    [Fact]
    public async Task A_load_that_fails_part_way_leaves_the_directory_empty_even_after_a_restart()
    {
        var batches = new[]
        {
            Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)),
            Batch(Oversized("too-big")),
        };
        await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.LoadAsync(batches, default));
        Assert.Equal(0, Count());
        _fixture.Reopen();
        Assert.Equal(0, Count());

        // The next start loads the seed again, completely.
        await _fixture.Engine.LoadAsync([Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9))], default);
        Assert.Equal(["a"], SearchIds("alpha"));
    }

    /// <summary>The seed's files as the service reads them: one batch at a time, the next read when it is needed.</summary>
    private static IEnumerable<DirectoryChange> Reading(Action afterFirst)
    {
        yield return Batch(TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9));
        afterFirst();
        yield return Batch(TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0));
    }

    [Fact]
    public async Task A_seed_file_that_cannot_be_read_fails_the_load_with_its_own_error_and_leaves_the_directory_empty()
    {
        var error = await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.LoadAsync(
            Reading(() => throw new InvalidDataException("listings/sample-0002.json is not valid JSON.")), default));
        Assert.Equal("listings/sample-0002.json is not valid JSON.", error.Message);
        Assert.Equal(0, Count());
        _fixture.Reopen();
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task A_load_cancelled_part_way_leaves_the_directory_empty()
    {
        using var stop = new CancellationTokenSource();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => _fixture.Engine.LoadAsync(Reading(stop.Cancel), stop.Token));
        Assert.Equal(0, Count());
        _fixture.Reopen();
        Assert.Equal(0, Count());
    }

    [Fact]
    public async Task A_failed_write_changes_nothing_and_the_next_write_succeeds()
    {
        await _fixture.Engine.ApplyAsync(new DirectoryChange { Clinics = [TestListings.Clinic("a", "Alpha Physiotherapy", 50.7, -113.9)] }, default);

        await Assert.ThrowsAsync<InvalidDataException>(() => _fixture.Engine.ApplyAsync(
            new DirectoryChange { Clinics = [TestListings.Clinic("b", "Beta Physiotherapy", 50.8, -114.0), Oversized("too-big")] }, default));
        Assert.Equal(["a"], SearchIds("physiotherapy"));

        await _fixture.Engine.ApplyAsync(new DirectoryChange { Clinics = [TestListings.Clinic("c", "Gamma Physiotherapy", 50.9, -114.1)] }, default);
        Assert.Equal(["a", "c"], SearchIds("physiotherapy").Order());
        _fixture.Reopen();
        Assert.Equal(["a", "c"], SearchIds("physiotherapy").Order());
    }
}
