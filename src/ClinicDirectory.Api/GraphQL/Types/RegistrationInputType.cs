using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A licence with a regulator, as a clinic states it.</summary>
public sealed class RegistrationInputType : InputObjectGraphType
{
    public RegistrationInputType()
    {
        Name = "RegistrationInput";
        Field<NonNullGraphType<StringGraphType>>("regulator").Description("The regulator.");
        Field<NonNullGraphType<StringGraphType>>("number").Description("Registration number.");
        Field<BooleanGraphType>("dryNeedlingAuthorized").Description("Authorized to perform dry needling.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
