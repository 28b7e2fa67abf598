using System.Text.Json;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.Store;
using Lucene.Net.Util;

namespace ClinicDirectory.Search.Lucene.Tests;

/// <summary>
/// Indexes written before a listing's summary and points shared one DocValues value keep them in fields of
/// their own: their listings are still read and found around a place, alone and in a segment merged with
/// documents of the current layout.
/// </summary>
public sealed class LegacyLayoutTests : IDisposable
{
    private readonly EngineFixture _fixture = new();

    public void Dispose() => _fixture.Dispose();

    [Fact]
    public async Task Listings_of_the_earlier_layout_are_read_beside_current_ones()
    {
        await _fixture.Engine.LoadAsync([new DirectoryChange { Clinics = [TestListings.Clinic("current", "Current Layout Physio", 50.7, -113.9)] }], default);
        _fixture.Engine.Dispose();

        // A document as the earlier layout wrote it: the same fields, with the JSON in "json" and "summary_json".
        var old = TestListings.Clinic("earlier", "Earlier Layout Physio", 50.71, -113.91, description: "Indexed before the listing layout changed.");
        using (var analyzer = TextAnalysis.CreateAnalyzer())
        using (var directory = FSDirectory.Open(new DirectoryInfo(_fixture.Path)))
        using (var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer)))
        {
            var document = new DocumentBuilder(EngineFixture.Taxonomy, analyzer, TimeProvider.System).BuildClinic(old, []);
            Assert.NotNull(document.GetField(Fields.Summary));
            document.RemoveField(Fields.Summary);
            document.Add(new BinaryDocValuesField(Fields.LegacySummaryJson, new BytesRef(JsonSerializer.SerializeToUtf8Bytes(ListingSummary.Of(old), DirectoryJson.Options))));
            var point = new byte[16];
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(point, old.Latitude);
            System.Buffers.Binary.BinaryPrimitives.WriteDoubleLittleEndian(point.AsSpan(8), old.Longitude);
            document.Add(new BinaryDocValuesField(Fields.LegacyGeo, new BytesRef(point)));
            writer.AddDocument(document);
            writer.Commit();
            using var reader = DirectoryReader.Open(directory);
            Assert.Equal(2, reader.Leaves.Count);
        }

        // Separate segments first, then one segment holding both layouts.
        foreach (var merge in new[] { false, true })
        {
            if (merge)
            {
                using var analyzer = TextAnalysis.CreateAnalyzer();
                using var directory = FSDirectory.Open(new DirectoryInfo(_fixture.Path));
                using var writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.Version, analyzer));
                writer.ForceMerge(1);
                writer.Commit();
                using var reader = DirectoryReader.Open(directory);
                Assert.Single(reader.Leaves);
            }
            using var engine = _fixture.Open();
            var found = await engine.GetClinicsAsync(["earlier", "current"], default);
            Assert.Equal(["Current Layout Physio", "Earlier Layout Physio"], found.Select(c => c.Name).Order());
            Assert.Equal(old.Description, found.Single(c => c.Id == "earlier").Description);

            foreach (var summaryOnly in new[] { false, true })
            {
                var (request, _) = _fixture.Requests.Build(new SearchFilter { Text = "layout physio" }, SearchSort.Name, 20, null, summaryOnly: summaryOnly);
                var hits = (await engine.SearchClinicsAsync(request, default)).Hits;
                Assert.Equal(["Current Layout Physio", "Earlier Layout Physio"], hits.Select(h => h.Item.Name));
            }

            // The points: sorted by distance from beside the earlier clinic, each at its own distance.
            var (near, _) = _fixture.Requests.Build(
                new SearchFilter { Text = "layout physio", Location = new LocationFilter { Latitude = 50.71, Longitude = -113.91, RadiusKm = 5 } },
                SearchSort.Distance, 20, null, summaryOnly: true);
            var byDistance = (await engine.SearchClinicsAsync(near, default)).Hits;
            Assert.Equal(["earlier", "current"], byDistance.Select(h => h.Item.Id));
            Assert.True(byDistance[0].DistanceKm < 0.01);
            Assert.InRange(byDistance[1].DistanceKm!.Value, 1.0, 2.0);
        }
    }
}
