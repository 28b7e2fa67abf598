using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A gazetteer place or postal code.</summary>
public sealed class PlaceType : ObjectGraphType<Place>
{
    public PlaceType()
    {
        Name = "Place";
        Field<NonNullGraphType<StringGraphType>>("name").Description("City or town.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<StringGraphType>>("region").Description("Province or state code.").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<StringGraphType>>("country").Description("ISO 3166-1 alpha-2.").Resolve(c => c.Source.Country);
        Field<StringGraphType>("postalCode").Description("Postal code prefix (FSA) or ZIP, when the place is one.").Resolve(c => c.Source.PostalCode);
        Field<NonNullGraphType<FloatGraphType>>("latitude").Description("Latitude of the centre.").Resolve(c => c.Source.Latitude);
        Field<NonNullGraphType<FloatGraphType>>("longitude").Description("Longitude of the centre.").Resolve(c => c.Source.Longitude);
        Field<NonNullGraphType<StringGraphType>>("label").Description("Display label, e.g. \"Okotoks, AB\".").Resolve(c => c.Source.Label);
    }
}
