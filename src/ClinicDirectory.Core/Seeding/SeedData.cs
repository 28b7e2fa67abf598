using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Seeding;

/// <summary>
/// Reads the seed folder: conditions.json, certification-programs.json, gazetteer/*.json and
/// listings/*.json (in file-name order). See seed/README.md for the format.
/// </summary>
public sealed class SeedData(string folder)
{
    public string Folder { get; } = folder;

    /// <summary>The configured folder, or the nearest "seed" folder above the working or program directory.</summary>
    public static SeedData Locate(string? configured)
    {
        if (!string.IsNullOrWhiteSpace(configured))
        {
            var full = System.IO.Path.GetFullPath(configured);
            if (!System.IO.Directory.Exists(full))
                throw new DirectoryNotFoundException($"Seed:Path \"{full}\" does not exist.");
            return new SeedData(full);
        }
        foreach (var start in new[] { System.IO.Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(start); dir is not null; dir = dir.Parent)
            {
                var candidate = System.IO.Path.Combine(dir.FullName, "seed");
                if (File.Exists(System.IO.Path.Combine(candidate, "conditions.json")))
                    return new SeedData(candidate);
            }
        }
        throw new DirectoryNotFoundException("No seed folder found; set Seed:Path.");
    }

    public DirectoryTaxonomy LoadTaxonomy() => new(
        Read<List<Condition>>("conditions.json"),
        Read<List<CertificationProgram>>("certification-programs.json"));

    /// <summary>The jurisdiction rules (<c>jurisdiction-rules.json</c>); none when the seed folder has no such file.</summary>
    public JurisdictionRules LoadJurisdictionRules() =>
        File.Exists(System.IO.Path.Combine(Folder, "jurisdiction-rules.json"))
            ? new JurisdictionRules(Read<JurisdictionRulesFile>("jurisdiction-rules.json").Rules)
            : JurisdictionRules.None;

    private sealed class JurisdictionRulesFile
    {
        public string? Description { get; set; }
        public List<JurisdictionRule> Rules { get; set; } = [];
    }

    public Gazetteer LoadGazetteer()
    {
        var cities = Read<GazetteerFile>(System.IO.Path.Combine("gazetteer", "places.json"));
        var postal = Read<GazetteerFile>(System.IO.Path.Combine("gazetteer", "postal-codes.json"));
        return new Gazetteer(
            cities.Rows.Select(r => new Place(r[0].GetString()!, r[1].GetString()!, r[2].GetString()!, null, r[3].GetDouble(), r[4].GetDouble())),
            postal.Rows.Select(r => new Place(r[5].GetString()!, r[1].GetString()!, r[2].GetString()!, r[0].GetString(), r[3].GetDouble(), r[4].GetDouble())));
    }

    /// <summary>Every listings file, in file-name order.</summary>
    public IEnumerable<(string File, SeedListings Listings)> LoadListings()
    {
        var dir = System.IO.Path.Combine(Folder, "listings");
        if (!System.IO.Directory.Exists(dir)) yield break;
        foreach (var file in System.IO.Directory.GetFiles(dir, "*.json").Order(StringComparer.Ordinal))
            yield return (System.IO.Path.GetFileName(file), ReadFile<SeedListings>(file));
    }

    /// <summary>Every listings file, in file-name order, the next one read while the caller works on the current one.</summary>
    public IEnumerable<(string File, SeedListings Listings)> LoadListingsAhead() => ReadAhead.OneAhead(LoadListings());

    private T Read<T>(string relative) => ReadFile<T>(System.IO.Path.Combine(Folder, relative));

    private static T ReadFile<T>(string path)
    {
        using var stream = File.OpenRead(path);
        return JsonSerializer.Deserialize<T>(stream, DirectoryJson.Options)
            ?? throw new InvalidDataException($"{path} is empty.");
    }
}
