using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A practitioner; without id a new one is created.</summary>
public sealed class PractitionerInputType : InputObjectGraphType
{
    public PractitionerInputType()
    {
        Name = "PractitionerInput";
        Field<IdGraphType>("id").Description("The practitioner to change; absent to create one.");
        Field<NonNullGraphType<StringGraphType>>("name").Description("Full name.");
        Field<NonNullGraphType<ProfessionEnum>>("profession").Description("Regulated profession.");
        Field<StringGraphType>("bio").Description("Short biography.");
        Field<RegistrationInputType>("registration").Description("Licence with the regulator.");
        Field<ListGraphType<NonNullGraphType<CredentialInputType>>>("credentials").Description("Added as SELF_REPORTED; only verifyCredential changes a status.");
        Field<ListGraphType<NonNullGraphType<TechniqueEnum>>>("techniques").Description("Techniques offered.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("conditions").Description("Condition ids, names or synonyms.");
        Field<ListGraphType<NonNullGraphType<StringGraphType>>>("languages").Description("ISO 639-1 codes.");
        Field<BooleanGraphType>("acceptingNewPatients").Description("Takes new patients.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
