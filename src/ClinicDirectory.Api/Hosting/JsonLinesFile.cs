using System.Text.Json;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// Reads a file of JSON lines as the builds before the store of record wrote them (keys, audit, documents): one
/// record per line, appended and flushed. A last line cut short by a crash ends the reading there.
/// </summary>
public static class JsonLinesFile
{
    public static List<T> ReadAll<T>(string path)
    {
        var records = new List<T>();
        if (!File.Exists(path)) return records;
        foreach (var line in File.ReadLines(path))
        {
            if (line.Length == 0) continue;
            try
            {
                if (JsonSerializer.Deserialize<T>(line, DirectoryJson.Options) is { } record) records.Add(record);
            }
            catch (JsonException)
            {
                break;
            }
        }
        return records;
    }
}
