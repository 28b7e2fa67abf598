namespace ClinicDirectory.Core.Search;

/// <summary>Argument limits of the public contract (README, "Errors").</summary>
public static class SearchLimits
{
    public const int MaxFirst = 100;
    public const double MaxRadiusKm = 1000;
    public const double DefaultRadiusKm = 25;
    public const int MaxTextLength = 256;
    public const int MaxListValues = 50;
}
