using ClinicDirectory.Core.Domain;
using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>One opening interval; opens must be before closes.</summary>
public sealed class OpeningHoursInputType : InputObjectGraphType<OpeningHours>
{
    public OpeningHoursInputType()
    {
        Name = "OpeningHoursInput";
        Field<NonNullGraphType<DayOfWeekEnum>>("day").Description("Weekday.");
        Field<NonNullGraphType<StringGraphType>>("opens").Description("HH:MM, e.g. \"08:00\".");
        Field<NonNullGraphType<StringGraphType>>("closes").Description("HH:MM, e.g. \"18:00\".");
    }
}
