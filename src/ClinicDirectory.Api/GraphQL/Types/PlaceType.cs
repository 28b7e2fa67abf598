using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A gazetteer place or postal code.</summary>
public sealed class PlaceType : ObjectGraphType<Place>
{
    public PlaceType()
    {
        Name = "Place";
        Field<NonNullGraphType<StringGraphType>>("name").Description("City or town.").ResolveFromSource(s => s.Name);
        Field<NonNullGraphType<StringGraphType>>("region").Description("Province or state code.").ResolveFromSource(s => s.Region);
        Field<NonNullGraphType<StringGraphType>>("country").Description("ISO 3166-1 alpha-2.").ResolveFromSource(s => s.Country);
        Field<StringGraphType>("postalCode").Description("Postal code prefix (FSA) or ZIP, when the place is one.").ResolveFromSource(s => s.PostalCode);
        Field<NonNullGraphType<FloatGraphType>>("latitude").Description("Latitude of the centre.").ResolveFromSource(s => s.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Description("Longitude of the centre.").ResolveFromSource(s => s.Longitude);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Display label, e.g. \"Okotoks, AB\".").ResolveFromSource(s => s.Label);
    }
}
