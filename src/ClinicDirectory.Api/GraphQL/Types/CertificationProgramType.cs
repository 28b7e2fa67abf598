using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A dry needling certification program.</summary>
public sealed class CertificationProgramType : ObjectGraphType<CertificationProgram>
{
    public CertificationProgramType()
    {
        Name = "CertificationProgram";
        Field<NonNullGraphType<IdGraphType>>("id").Description("e.g. \"kinetacore-fdn-1\".").Resolve(c => c.Source.Id);
        Field<NonNullGraphType<StringGraphType>>("body").Description("Certifying body, e.g. \"Kinetacore\".").Resolve(c => c.Source.Body);
        Field<NonNullGraphType<StringGraphType>>("bodyId").Description("Certifying body id for the certifications filter, e.g. \"kinetacore\".").Resolve(c => c.Source.BodyId);
        Field<NonNullGraphType<StringGraphType>>("name").Description("e.g. \"Functional Dry Needling Level 1\".").Resolve(c => c.Source.Name);
        Field<IntGraphType>("level").Description("Course level, where the program has levels.").Resolve(c => c.Source.Level);
        Field<NonNullGraphType<TechniqueEnum>>("technique").Description("The technique it certifies.").Resolve(c => c.Source.Technique);
        Field<StringGraphType>("website").Description("The certifying body's site.").Resolve(c => c.Source.Website);
    }
}
