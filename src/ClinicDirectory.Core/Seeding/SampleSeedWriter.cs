using System.Diagnostics;
using System.Text.Json;

namespace ClinicDirectory.Core.Seeding;

/// <summary>
/// Writes generated (fictional) listings in the seed format, with the reference data (conditions,
/// certification programs, jurisdiction rules, gazetteer) copied beside them, so that the folder serves as a seed.
/// </summary>
public static class SampleSeedWriter
{
    private static readonly string[] ReferenceFiles =
        ["conditions.json", "certification-programs.json", "jurisdiction-rules.json", Path.Combine("gazetteer", "places.json"), Path.Combine("gazetteer", "postal-codes.json")];

    /// <summary>Writes into <paramref name="target"/>, replacing the sample files a previous run left there; progress per file.</summary>
    public static (int Clinics, int Practitioners) Write(SeedData source, string target, int clinics, int practitioners, int seed, TextWriter progress)
    {
        target = Path.GetFullPath(target);
        var listingsDir = Path.Combine(target, "listings");
        Directory.CreateDirectory(listingsDir);
        Directory.CreateDirectory(Path.Combine(target, "gazetteer"));
        foreach (var file in ReferenceFiles)
        {
            if (Path.GetFullPath(Path.Combine(source.Folder, file)) != Path.Combine(target, file))
                File.Copy(Path.Combine(source.Folder, file), Path.Combine(target, file), overwrite: true);
        }
        foreach (var old in Directory.GetFiles(listingsDir, "sample*.json")) File.Delete(old);

        var generator = new SampleGenerator(source.LoadTaxonomy(), source.LoadGazetteer());
        var watch = Stopwatch.StartNew();
        int chunk = 0, writtenClinics = 0, writtenPractitioners = 0;
        foreach (var listings in generator.Generate(clinics, practitioners, seed))
        {
            chunk++;
            var path = Path.Combine(listingsDir, $"sample-{chunk:D4}.json");
            using (var stream = File.Create(path))
                JsonSerializer.Serialize(stream, listings, DirectoryJson.Indented);
            writtenClinics += listings.Clinics.Count;
            writtenPractitioners += listings.Practitioners.Count;
            progress.WriteLine($"{Path.GetFileName(path)}: {writtenClinics}/{clinics} clinics, {writtenPractitioners}/{practitioners} practitioners ({watch.Elapsed.TotalSeconds:F1} s)");
        }
        return (writtenClinics, writtenPractitioners);
    }
}
