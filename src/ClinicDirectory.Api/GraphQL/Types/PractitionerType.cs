using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A practitioner.</summary>
public sealed class PractitionerType : ObjectGraphType<Practitioner>
{
    public PractitionerType()
    {
        Name = "Practitioner";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Practitioner id.").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Full name.").Resolve(c => c.Source.Name);
        Field<NonNullGraphType<ProfessionEnum>>("profession").Description("Regulated profession.").Resolve(c => c.Source.Profession);
        Field<StringGraphType>("bio").Description("Short biography.").Resolve(c => c.Source.Bio);
        Field<RegistrationType>("registration").Description("Licence with the regulator.").Resolve(c => c.Source.Registration);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CredentialType>>>>("credentials").Description("Certifications held or claimed.").Resolve(c => c.Source.Credentials);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TechniqueEnum>>>>("techniques").Description("Techniques offered.").Resolve(c => c.Source.Techniques);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>>("conditions").Description("Conditions treated.")
            .Resolve(c => ConditionsOf(c.RequestServices!, c.Source.Conditions));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languages").Description("ISO 639-1 codes.").Resolve(c => c.Source.Languages);
        Field<NonNullGraphType<BooleanGraphType>>("acceptingNewPatients").Description("Takes new patients.").Resolve(c => c.Source.AcceptingNewPatients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClinicType>>>>("clinics").Description("Clinics where this practitioner works.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetClinicsAsync(c.Source.ClinicIds, c.CancellationToken));
        Field<NonNullGraphType<DateTimeScalar>>("updatedAt").Description("Last change.").Resolve(c => c.Source.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Incremented by every accepted change.").Resolve(c => c.Source.Version);
        Field<NonNullGraphType<BooleanGraphType>>("isSample").Description("A fictional sample profile, not a real practitioner.").Resolve(c => c.Source.IsSample);
    }

    internal static IEnumerable<Condition> ConditionsOf(IServiceProvider services, IEnumerable<string> ids)
    {
        var taxonomy = services.GetRequiredService<DirectoryTaxonomy>();
        return ids.Select(taxonomy.ConditionById).OfType<Condition>();
    }
}
