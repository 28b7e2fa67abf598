using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A clinic's street address.</summary>
public sealed class AddressType : ObjectGraphType<Address>
{
    public AddressType()
    {
        Name = "Address";
        Field<NonNullGraphType<StringGraphType>>("street").Description("Street and unit.").Resolve(c => c.Source.Street);
        Field<NonNullGraphType<StringGraphType>>("city").Description("City or town.").Resolve(c => c.Source.City);
        Field<NonNullGraphType<StringGraphType>>("region").Description("Province or state code, e.g. \"AB\".").Resolve(c => c.Source.Region);
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("Postal or ZIP code.").Resolve(c => c.Source.PostalCode);
        Field<NonNullGraphType<StringGraphType>>("country").Description("ISO 3166-1 alpha-2, e.g. \"CA\".").Resolve(c => c.Source.Country);
    }
}
