using ClinicDirectory.Core.Search;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A point or a gazetteer place, and a radius.</summary>
public sealed class LocationInputType : InputObjectGraphType<LocationFilter>
{
    public LocationInputType()
    {
        Name = "LocationInput";
        Field<FloatGraphType>("latitude").Description("Latitude, -90 to 90.");
        Field<FloatGraphType>("longitude").Description("Longitude, -180 to 180.");
        Field<StringGraphType>("place").Description("A place name or postal code, resolved by the built-in gazetteer, e.g. \"Okotoks, AB\" or \"T1S\".");
        Field<FloatGraphType>("radiusKm").Description("Radius around the point; default 25.");
    }
}
