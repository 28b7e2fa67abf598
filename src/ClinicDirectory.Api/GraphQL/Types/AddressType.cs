using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A clinic's street address.</summary>
public sealed class AddressType : ObjectGraphType<Address>
{
    public AddressType()
    {
        Name = "Address";
        Field<NonNullGraphType<StringGraphType>>("street").Description("Street and unit.").ResolveFromSource(s => s.Street);
        Field<NonNullGraphType<StringGraphType>>("city").Description("City or town.").ResolveFromSource(s => s.City);
        Field<NonNullGraphType<StringGraphType>>("region").Description("Province or state code, e.g. \"AB\".").ResolveFromSource(s => s.Region);
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("Postal or ZIP code.").ResolveFromSource(s => s.PostalCode);
        Field<NonNullGraphType<StringGraphType>>("country").Description("ISO 3166-1 alpha-2, e.g. \"CA\".").ResolveFromSource(s => s.Country);
    }
}
