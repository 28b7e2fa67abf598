using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>Edits one after another, as clinics make them: the index merges its small segments as it goes.</summary>
public sealed class SequentialWriteTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Segments_stay_bounded_over_hundreds_of_sequential_edits_and_every_edit_is_searchable()
    {
        var (clinics, practitioners) = TestListings.Build();
        await _fixture.LoadAsync(clinics, practitioners);

        var most = 0;
        for (var i = 0; i < 300; i++)
        {
            var practitioner = TestListings.Practitioner($"p-edit-{i % 40}", $"Edited Person{i}", "calgary", Profession.Physiotherapist,
                ("gunnims-ims", VerificationStatus.SelfReported));
            await _fixture.WriteAsync(practitioners: [practitioner]);
            most = Math.Max(most, _fixture.Engine.SegmentCount());
        }

        // Each edit flushes a segment of its own; merging keeps their number to a few tiers' worth.
        Assert.True(most <= 30, $"{most} segments at the most over 300 edits");
        var (request, _) = _fixture.Requests.Build(new SearchFilter { Text = "Person299" }, SearchSort.Relevance, 20, null);
        var found = await _fixture.Engine.SearchPractitionersAsync(request, default);
        Assert.Equal(["p-edit-19"], found.Hits.Select(h => h.Item.Id));
        var calgary = await _fixture.Engine.GetPractitionersOfClinicAsync("calgary", default);
        Assert.Equal(40 + 2, calgary.Count);

        _fixture.Reopen();
        Assert.True(_fixture.Engine.SegmentCount() <= 30);
        Assert.Equal(42, (await _fixture.Engine.GetPractitionersOfClinicAsync("calgary", default)).Count);
    }
}
