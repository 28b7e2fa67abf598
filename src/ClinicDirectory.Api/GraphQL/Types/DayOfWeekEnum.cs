using GraphQL.Types;

namespace ClinicDirectory.Api.GraphQL.Types;

/// <summary>Day of the week.</summary>
public sealed class DayOfWeekEnum : EnumerationGraphType<System.DayOfWeek>
{
    public DayOfWeekEnum()
    {
        Name = "DayOfWeek";
        Description = "Day of the week.";
    }
}
