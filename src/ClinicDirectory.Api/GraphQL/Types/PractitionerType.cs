using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Taxonomy;
using GraphQL;
using GraphQL.Federation;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A practitioner.</summary>
public sealed class PractitionerType : ObjectGraphType<Practitioner>
{
    public PractitionerType()
    {
        Name = "Practitioner";
        // An Apollo Federation entity, keyed by id (_entities resolves it).
        this.Key("id");
        this.ResolveReference<EntityKey, Practitioner>((context, key) => EntityKey.LoadAsync(context, key, (engine, ids, ct) => engine.GetPractitionersAsync(ids, ct))!);
        Field<NonNullGraphType<IdGraphType>>("id").Description("Practitioner id.").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Full name.").ResolveFromSource(s => s.Name);
        Field<NonNullGraphType<ProfessionEnum>>("profession").Description("Regulated profession.").ResolveFromSource(s => s.Profession);
        Field<StringGraphType>("bio").Description("Short biography.").ResolveFromSource(s => s.Bio);
        Field<RegistrationType>("registration").Description("Licence with the regulator.").ResolveFromSource(s => s.Registration);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<CredentialType>>>>("credentials").Description("Certifications held or claimed.").ResolveFromSource(s => s.Credentials);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<TechniqueEnum>>>>("techniques").Description("Techniques offered.").ResolveFromSource(s => s.Techniques);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ConditionType>>>>("conditions").Description("Conditions treated.")
            .Resolve(c => ConditionsOf(c.RequestServices!, c.Source.Conditions));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("languages").Description("ISO 639-1 codes.").ResolveFromSource(s => s.Languages);
        Field<NonNullGraphType<BooleanGraphType>>("acceptingNewPatients").Description("Takes new patients.").ResolveFromSource(s => s.AcceptingNewPatients);
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<ClinicType>>>>("clinics").Description("Clinics where this practitioner works.")
            .ResolveAsync(async c => await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetClinicsAsync(c.Source.ClinicIds, c.CancellationToken));
        Field<NonNullGraphType<ListGraphType<NonNullGraphType<StringGraphType>>>>("notices")
            .Description("Why this practitioner is left out of dry-needling searches, when they are: where they practise, their profession may not dry-needle, or a required authorization is not recorded (with the rule's source).")
            .ResolveAsync(async c =>
            {
                var clinics = await c.RequestServices!.GetRequiredService<IDirectoryEngine>().GetClinicsAsync(c.Source.ClinicIds, c.CancellationToken);
                return c.RequestServices!.GetRequiredService<Core.Taxonomy.JurisdictionRules>().Assess(c.Source, clinics).Notices;
            });
        Field<NonNullGraphType<DateTimeScalar>>("updatedAt").Description("Last change.").ResolveFromSource(s => s.UpdatedAt);
        Field<NonNullGraphType<IntGraphType>>("version").Description("Incremented by every accepted change.").ResolveFromSource(s => s.Version);
        Field<NonNullGraphType<BooleanGraphType>>("isSample").Description("A fictional sample profile, not a real practitioner.").ResolveFromSource(s => s.IsSample);
    }

    internal static IEnumerable<Condition> ConditionsOf(IServiceProvider services, IEnumerable<string> ids)
    {
        var taxonomy = services.GetRequiredService<DirectoryTaxonomy>();
        return ids.Select(taxonomy.ConditionById).OfType<Condition>();
    }
}
