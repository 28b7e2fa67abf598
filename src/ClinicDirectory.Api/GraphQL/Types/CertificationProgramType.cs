using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A dry needling certification program.</summary>
public sealed class CertificationProgramType : ObjectGraphType<CertificationProgram>
{
    public CertificationProgramType()
    {
        Name = "CertificationProgram";
        Field<NonNullGraphType<IdGraphType>>("id").Description("e.g. \"kinetacore-fdn-1\".").ResolveFromSource(s => s.Id);
        Field<NonNullGraphType<StringGraphType>>("body").Description("Certifying body, e.g. \"Kinetacore\".").ResolveFromSource(s => s.Body);
        Field<NonNullGraphType<StringGraphType>>("bodyId").Description("Certifying body id for the certifications filter, e.g. \"kinetacore\".").ResolveFromSource(s => s.BodyId);
        Field<NonNullGraphType<StringGraphType>>("name").Description("e.g. \"Functional Dry Needling Level 1\".").ResolveFromSource(s => s.Name);
        Field<IntGraphType>("level").Description("Course level, where the program has levels.").ResolveFromSource(s => s.Level);
        Field<NonNullGraphType<TechniqueEnum>>("technique").Description("The technique it certifies.").ResolveFromSource(s => s.Technique);
        Field<StringGraphType>("website").Description("The certifying body's site.").ResolveFromSource(s => s.Website);
    }
}
