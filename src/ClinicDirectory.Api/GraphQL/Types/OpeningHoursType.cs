using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>One opening interval.</summary>
public sealed class OpeningHoursType : ObjectGraphType<OpeningHours>
{
    public OpeningHoursType()
    {
        Name = "OpeningHours";
        Field<NonNullGraphType<DayOfWeekEnum>>("day").Description("Weekday.").ResolveFromSource(s => s.Day);
        Field<NonNullGraphType<StringGraphType>>("opens").Description("Opening time, \"08:00\".").ResolveFromSource(s => s.Opens);
        Field<NonNullGraphType<StringGraphType>>("closes").Description("Closing time, \"18:00\".").ResolveFromSource(s => s.Closes);
    }
}
