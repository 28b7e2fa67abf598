using ClinicDirectory.Core.Taxonomy;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>A language listings may be spoken in, with its display name.</summary>
public sealed class LanguageType : ObjectGraphType<Language>
{
    public LanguageType()
    {
        Name = "Language";
        Field<NonNullGraphType<IdGraphType>>("code").Description("ISO 639-1 code, as listings' `languages` and the `languages` filter use it, e.g. \"pa\".").ResolveFromSource(s => s.Code);
        Field<NonNullGraphType<StringGraphType>>("name").Description("Display name, e.g. \"Punjabi\".").ResolveFromSource(s => s.Name);
    }
}
