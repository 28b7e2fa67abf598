using ClinicDirectory.Core.Geo;

namespace ClinicDirectory.Core.Tests;

/// <summary>
/// A bulk load adds listings in place order so that a search around a place reads documents that sit
/// together: listings of one area must end up next to each other, whatever order they arrive in.
/// </summary>
public sealed class PlaceOrderTests
{
    private static readonly (string City, double Lat, double Lon)[] Cities =
    [
        ("Toronto", 43.6532, -79.3832),
        ("Vancouver", 49.2827, -123.1207),
        ("Halifax", 44.6488, -63.5752),
        ("Calgary", 51.0447, -114.0719),
    ];

    [Fact]
    public void Listings_of_one_area_are_contiguous_once_ordered_by_place()
    {
        // Twenty clinics per city, scattered within about 5 km of its centre and arriving interleaved.
        var random = new Random(7);
        var points = Enumerable.Range(0, 20)
            .SelectMany(_ => Cities.Select(c => (c.City, Lat: c.Lat + (random.NextDouble() - 0.5) * 0.08, Lon: c.Lon + (random.NextDouble() - 0.5) * 0.08)))
            .ToList();

        var ordered = points.OrderBy(p => PlaceOrder.Key(p.Lat, p.Lon)).Select(p => p.City).ToList();

        var runs = ordered.Where((city, i) => i == 0 || ordered[i - 1] != city).ToList();
        Assert.Equal(Cities.Length, runs.Count);
        Assert.Equal(Cities.Select(c => c.City).Order(), runs.Order());
    }

    [Theory]
    [InlineData(-90, -180)]
    [InlineData(90, 180)]
    [InlineData(0, 0)]
    public void The_ends_of_the_map_have_keys(double lat, double lon)
    {
        var key = PlaceOrder.Key(lat, lon);
        Assert.True(key <= PlaceOrder.Key(90, 180));
        Assert.True(key >= PlaceOrder.Key(-90, -180));
    }
}
