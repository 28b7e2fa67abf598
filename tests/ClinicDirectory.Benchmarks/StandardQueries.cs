using ClinicDirectory.Core.Search;

namespace ClinicDirectory.Benchmarks;

/// <summary>The searches the targets are stated for, as patients send them.</summary>
public static class StandardQueries
{
    /// <summary>Text + 25 km radius + certification + facets, 20 hits: the standard search.</summary>
    public static SearchFilter Standard() => new()
    {
        Text = "neck pain",
        Location = new LocationFilter { Place = "Toronto, ON", RadiusKm = 25 },
        Certifications = ["kinetacore"],
    };

    public static SearchFilter PlaceOnly() => new() { Location = new LocationFilter { Place = "Calgary, AB", RadiusKm = 25 } };

    public static SearchFilter ConditionOnly() => new() { Conditions = ["sciatica"] };

    public static SearchFilter BroadText() => new() { Text = "dry needling" };

    public static IReadOnlyList<(string Name, SearchFilter Filter)> All { get; } =
    [
        ("standard (text + 25 km + certification + facets)", Standard()),
        ("place only (25 km)", PlaceOnly()),
        ("condition only", ConditionOnly()),
        ("broad text", BroadText()),
    ];

    /// <summary>The GraphQL request of the standard search, as the load test sends it.</summary>
    public const string StandardGraphQL =
        """{"query":"query($f: ClinicFilter){ searchClinics(filter: $f, first: 20) { totalCount edges { distanceKm node { id name address { city region } } } facets { conditions { value count } certifications { value count } techniques { value count } cities { value count } languages { value count } } } }","variables":{"f":{"text":"neck pain","location":{"place":"Toronto, ON","radiusKm":25},"certifications":["kinetacore"]}}}""";
}
