using System.Text.Json;

namespace ClinicDirectory.Core.Seeding;

/// <summary>A gazetteer file: attribution, column names, and rows of values.</summary>
public sealed class GazetteerFile
{
    public string Attribution { get; set; } = "";
    public List<string> Columns { get; set; } = [];
    public List<JsonElement[]> Rows { get; set; } = [];
}
