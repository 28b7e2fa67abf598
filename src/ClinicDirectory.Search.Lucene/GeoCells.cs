using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// A latitude/longitude grid at several cell sizes. Each point is indexed with its cell at every size; a
/// search takes the cells covering its bounding box at the finest size that needs few cells, and the exact
/// great-circle distance is then checked per hit.
/// </summary>
internal static class GeoCells
{
    public static readonly double[] Sizes = [0.05, 0.25, 1.0, 4.0];
    private const int MaxCells = 48;

    private const int MaxCachedCells = 250_000;
    private static readonly System.Collections.Concurrent.ConcurrentDictionary<(int Level, int I, int J), string> CellNames = new();

    public static string Field(string type, int level) => (type == Fields.ClinicType ? ClinicFields : PractitionerFields)[level];

    private static readonly string[] ClinicFields = [.. Sizes.Select((_, level) => Fields.Of(Fields.ClinicType, Fields.GeoCell + level))];
    private static readonly string[] PractitionerFields = [.. Sizes.Select((_, level) => Fields.Of(Fields.PractitionerType, Fields.GeoCell + level))];

    /// <summary>The cell of a point at a size: "row:column", built once per cell in use.</summary>
    public static string Cell(double lat, double lon, int level)
    {
        var size = Sizes[level];
        return Name(level, (int)Math.Floor((lat + 90) / size), (int)Math.Floor((lon + 180) / size));
    }

    private static string Name(int level, int i, int j)
    {
        if (CellNames.TryGetValue((level, i, j), out var name)) return name;
        if (CellNames.Count >= MaxCachedCells) CellNames.Clear();
        return CellNames.GetOrAdd((level, i, j), static k => string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{k.I}:{k.J}"));
    }

    /// <summary>
    /// Whether the whole cell (row i, column j) lies inside the circle: the point of a latitude/longitude box
    /// farthest from any centre is one of its corners, so the cell is inside when all four corners are (with a
    /// margin of a metre for rounding).
    /// </summary>
    private static bool Inside(int i, int j, double size, GeoCircle circle)
    {
        var minLat = i * size - 90;
        var maxLat = Math.Min(90, minLat + size);
        var minLon = j * size - 180;
        var maxLon = minLon + size;
        // Plain calls, no arrays or closures: this runs for every cell of every radius search.
        return Within(minLat, minLon) && Within(minLat, maxLon) && Within(maxLat, minLon) && Within(maxLat, maxLon);

        bool Within(double lat, double lon) => GeoMath.HaversineKm(circle.Latitude, circle.Longitude, lat, lon) <= circle.RadiusKm - 0.001;
    }

    /// <summary>
    /// The level and cells whose union holds every point of the circle, and for each cell whether it lies
    /// wholly inside the circle (its points need no distance check).
    /// </summary>
    public static (int Level, List<string> Cells, List<bool> Inside) Covering(GeoCircle circle)
    {
        var (minLat, maxLat, minLon, maxLon) = GeoMath.BoundingBox(circle.Latitude, circle.Longitude, circle.RadiusKm);
        var lonRanges = minLon <= maxLon ? new[] { (minLon, maxLon) } : [(minLon, 180.0), (-180.0, maxLon)];
        for (var level = 0; level < Sizes.Length; level++)
        {
            var size = Sizes[level];
            var i0 = (int)Math.Floor((minLat + 90) / size);
            var i1 = (int)Math.Floor((maxLat + 90) / size);
            long count = 0;
            foreach (var (a, b) in lonRanges)
                count += (long)(i1 - i0 + 1) * ((int)Math.Floor((b + 180) / size) - (int)Math.Floor((a + 180) / size) + 1);
            if (count > MaxCells && level < Sizes.Length - 1) continue;
            var cells = new List<string>((int)Math.Min(count, 4096));
            var inside = new List<bool>(cells.Capacity);
            for (var i = i0; i <= i1; i++)
            {
                foreach (var (a, b) in lonRanges)
                {
                    for (var j = (int)Math.Floor((a + 180) / size); j <= (int)Math.Floor((b + 180) / size); j++)
                    {
                        cells.Add(Name(level, i, j));
                        inside.Add(Inside(i, j, size, circle));
                    }
                }
            }
            return (level, cells, inside);
        }
        throw new InvalidOperationException("unreachable");
    }
}
