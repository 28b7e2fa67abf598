using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>
/// The fields of a clinic as input. Parsed to a dictionary, so a mutation can tell a field that is absent
/// from one sent as null; ClinicInput and ClinicPatch differ only in which fields are required.
/// </summary>
public abstract class ClinicFieldsInputType : InputObjectGraphType
{
    protected ClinicFieldsInputType(string name, bool required)
    {
        Name = name;
        if (required)
        {
            Field<NonNullGraphType<StringGraphType>>("name").Description("Clinic name.");
        }
        else
        {
            Field<StringGraphType>("name").Description("Clinic name.");
        }
        Field<StringGraphType>("description").Description("What the clinic offers.");
        if (required)
        {
            Field<NonNullGraphType<AddressInputType>>("address").Description("Street address.");
        }
        else
        {
            Field<AddressInputType>("address").Description("Street address; without latitude and longitude the clinic is placed by its postal code.");
        }
        Field<FloatGraphType>("latitude").Description("Latitude; with longitude.");
        Field<FloatGraphType>("longitude").Description("Longitude; with latitude.");
        Field<StringGraphType>("phone").Description("Phone number.");
        Field<StringGraphType>("email").Description("E-mail address.");
        Field<StringGraphType>("website").Description("http or https address.");
        Field<StringGraphType>("bookingUrl").Description("Online booking link.");
        Field<ListGraphType<NonNullGraphType<OpeningHoursInputType>>>("hours").Description("Opening hours; replaces all.");
        Field<ListGraphType<NonNullGraphType<TechniqueEnum>>>("techniques").Description("Techniques offered.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("conditions").Description("Condition ids, names or synonyms.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languages").Description("ISO 639-1 codes.");
        Field<BooleanGraphType>("directBilling").Description("Bills extended health insurers directly.");
        Field<BooleanGraphType>("acceptingNewPatients").Description("Takes new patients.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
