using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A street address in Canada or the US.</summary>
public sealed class AddressInputType : InputObjectGraphType<Address>
{
    public AddressInputType()
    {
        Name = "AddressInput";
        Field<NonNullGraphType<StringGraphType>>("street").Description("Street and unit.");
        Field<NonNullGraphType<StringGraphType>>("city").Description("City or town.");
        Field<NonNullGraphType<StringGraphType>>("region").Description("Province or state code, e.g. \"AB\".");
        Field<NonNullGraphType<StringGraphType>>("postalCode").Description("Postal or ZIP code.");
        Field<NonNullGraphType<StringGraphType>>("country").Description("\"CA\" or \"US\".");
    }
}
