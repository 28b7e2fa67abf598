using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>One opening interval.</summary>
public sealed class OpeningHoursType : ObjectGraphType<OpeningHours>
{
    public OpeningHoursType()
    {
        Name = "OpeningHours";
        Field<NonNullGraphType<DayOfWeekEnum>>("day").Description("Weekday.").Resolve(c => c.Source.Day);
        Field<NonNullGraphType<StringGraphType>>("opens").Description("Opening time, \"08:00\".").Resolve(c => c.Source.Opens);
        Field<NonNullGraphType<StringGraphType>>("closes").Description("Closing time, \"18:00\".").Resolve(c => c.Source.Closes);
    }
}
