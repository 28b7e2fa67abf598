namespace ClinicDirectory.Core.Geo;

/// <summary>Great-circle distances and the bounding boxes that pre-filter them.</summary>
public static class GeoMath
{
    public const double EarthRadiusKm = 6371.0088;

    public static double HaversineKm(double lat1, double lon1, double lat2, double lon2)
    {
        var dLat = ToRadians(lat2 - lat1);
        var dLon = ToRadians(lon2 - lon1);
        var a = Math.Sin(dLat / 2) * Math.Sin(dLat / 2)
              + Math.Cos(ToRadians(lat1)) * Math.Cos(ToRadians(lat2)) * Math.Sin(dLon / 2) * Math.Sin(dLon / 2);
        return 2 * EarthRadiusKm * Math.Asin(Math.Min(1, Math.Sqrt(a)));
    }

    /// <summary>
    /// The smallest lat/lon box holding every point within radiusKm. Longitudes may wrap: then
    /// MinLon &gt; MaxLon and the box is the union of [MinLon, 180] and [-180, MaxLon].
    /// </summary>
    public static (double MinLat, double MaxLat, double MinLon, double MaxLon) BoundingBox(double lat, double lon, double radiusKm)
    {
        var angular = radiusKm / EarthRadiusKm;
        var latR = ToRadians(lat);
        var minLat = latR - angular;
        var maxLat = latR + angular;
        double minLon, maxLon;
        if (minLat > -Math.PI / 2 && maxLat < Math.PI / 2)
        {
            var dLon = Math.Asin(Math.Sin(angular) / Math.Cos(latR));
            minLon = ToRadians(lon) - dLon;
            maxLon = ToRadians(lon) + dLon;
            if (minLon < -Math.PI) minLon += 2 * Math.PI;
            if (maxLon > Math.PI) maxLon -= 2 * Math.PI;
        }
        else
        {
            minLat = Math.Max(minLat, -Math.PI / 2);
            maxLat = Math.Min(maxLat, Math.PI / 2);
            minLon = -Math.PI;
            maxLon = Math.PI;
        }
        return (ToDegrees(minLat), ToDegrees(maxLat), ToDegrees(minLon), ToDegrees(maxLon));
    }

    private static double ToRadians(double degrees) => degrees * Math.PI / 180;
    private static double ToDegrees(double radians) => radians * 180 / Math.PI;
}
