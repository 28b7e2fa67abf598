using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A credential as a clinic states it; its status is never taken from the client.</summary>
public sealed class CredentialInputType : InputObjectGraphType
{
    public CredentialInputType()
    {
        Name = "CredentialInput";
        Field<NonNullGraphType<IdGraphType>>("programId").Description("A certificationPrograms id.");
        Field<DateScalar>("earnedOn").Description("When it was earned.");
        Field<DateScalar>("expiresOn").Description("When it expires.");
    }

    public override object ParseDictionary(IDictionary<string, object?> value) => value;
}
