using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClinicDirectory.Core.Seeding;

/// <summary>The JSON shape of seed files and stored documents: camelCase, enums as in the GraphQL contract.</summary>
public static class DirectoryJson
{
    /// <summary>How enum values are named: <c>FUNCTIONAL_DRY_NEEDLING</c>, as in the GraphQL contract (declared before the options, which use it).</summary>
    public static JsonNamingPolicy EnumNames { get; } = JsonNamingPolicy.SnakeCaseUpper;

    public static JsonSerializerOptions Options { get; } = Create(indented: false);

    public static JsonSerializerOptions Indented { get; } = Create(indented: true);

    private static JsonSerializerOptions Create(bool indented)
    {
        var options = new JsonSerializerOptions(JsonSerializerDefaults.Web)
        {
            WriteIndented = indented,
            DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        };
        options.Converters.Add(new JsonStringEnumConverter(EnumNames, allowIntegerValues: false));
        options.TypeInfoResolver = System.Text.Json.Serialization.Metadata.JsonTypeInfoResolver.Combine(
            DirectoryJsonContext.Default, new System.Text.Json.Serialization.Metadata.DefaultJsonTypeInfoResolver());
        options.MakeReadOnly();
        return options;
    }
}
