using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A licence with the profession's regulator.</summary>
public sealed class RegistrationType : ObjectGraphType<Registration>
{
    public RegistrationType()
    {
        Name = "Registration";
        Description = "Licence with the profession's regulator, e.g. Physiotherapy Alberta.";
        Field<NonNullGraphType<StringGraphType>>("regulator").Description("The regulator.").ResolveFromSource(s => s.Regulator);
        Field<NonNullGraphType<StringGraphType>>("number").Description("Registration number.").ResolveFromSource(s => s.Number);
        Field<NonNullGraphType<RegistrationStatusEnum>>("status").Description("Standing.").ResolveFromSource(s => s.Status);
        Field<NonNullGraphType<BooleanGraphType>>("dryNeedlingAuthorized")
            .Description("The regulator authorizes this practitioner to perform dry needling (a restricted activity in some provinces).")
            .ResolveFromSource(s => s.DryNeedlingAuthorized);
        Field<NonNullGraphType<ProvenanceSourceEnum>>("source").Description("Who stands behind the standing and the authorization.").ResolveFromSource(s => s.Source);
        Field<DateTimeScalar>("assertedAt").Description("When the source stated them.").ResolveFromSource(s => s.AssertedAt);
        Field<DateTimeScalar>("verifiedAt").Description("When they were checked with the regulator.").ResolveFromSource(s => s.VerifiedAt);
        Field<StringGraphType>("verifiedBy").Description("Who checked them: the register's name or the admin key's label.").ResolveFromSource(s => s.VerifiedBy);
        Field<StringGraphType>("provenance").Description("The roster or the note they come from.").ResolveFromSource(s => s.Provenance);
    }
}
