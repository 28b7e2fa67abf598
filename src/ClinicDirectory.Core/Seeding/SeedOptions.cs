namespace ClinicDirectory.Core.Seeding;

/// <summary>Where seed data is read from (configuration section "Seed").</summary>
public sealed class SeedOptions
{
    public const string Section = "Seed";

    /// <summary>The seed folder; when empty, the nearest "seed" folder above the working or program directory.</summary>
    public string? Path { get; set; }
}
