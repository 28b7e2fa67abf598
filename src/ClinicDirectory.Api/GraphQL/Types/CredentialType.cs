using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Taxonomy;
using GraphQL;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A certification a practitioner holds or claims.</summary>
public sealed class CredentialType : ObjectGraphType<Credential>
{
    public CredentialType()
    {
        Name = "Credential";
        Field<NonNullGraphType<IdGraphType>>("id").Description("Credential id.").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<CertificationProgramType>>("program").Description("The certification program.")
            .Resolve(c => c.RequestServices!.GetRequiredService<DirectoryTaxonomy>().ProgramById(c.Source.ProgramId)
                ?? new CertificationProgram { Id = c.Source.ProgramId, Body = "Unknown", BodyId = "unknown", Name = c.Source.ProgramId });
        Field<DateScalar>("earnedOn").Description("When it was earned.").ResolveFromSource(s => s.EarnedOn);
        Field<DateScalar>("expiresOn").Description("When it expires, if it does.").ResolveFromSource(s => s.ExpiresOn);
        Field<NonNullGraphType<VerificationStatusEnum>>("status")
            .Description("VERIFIED once checked with the certifying body; EXPIRED after expiresOn.")
            .Resolve(c => c.Source.EffectiveStatus(DateOnly.FromDateTime(c.RequestServices!.GetRequiredService<TimeProvider>().GetUtcNow().UtcDateTime)));
        Field<DateTimeScalar>("verifiedAt").Description("When it was verified.").ResolveFromSource(s => s.VerifiedAt);
        Field<NonNullGraphType<ProvenanceSourceEnum>>("source").Description("Who stands behind the status.").ResolveFromSource(s => s.Source);
        Field<DateTimeScalar>("assertedAt").Description("When the source stated it.").ResolveFromSource(s => s.AssertedAt);
        Field<StringGraphType>("verifiedBy").Description("Who checked it: the roster's name, e.g. \"GunnIMS roster\", or the admin key's label.").ResolveFromSource(s => s.VerifiedBy);
        Field<StringGraphType>("provenance").Description("The roster or the note the status comes from.").ResolveFromSource(s => s.Provenance);
    }
}
