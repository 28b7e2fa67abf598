namespace ClinicDirectory.Core.Domain;

/// <summary>One opening interval on one weekday, times as "HH:MM" local to the clinic.</summary>
public sealed class OpeningHours
{
    public DayOfWeek Day { get; set; }
    public string Opens { get; set; } = "";
    public string Closes { get; set; } = "";
}
