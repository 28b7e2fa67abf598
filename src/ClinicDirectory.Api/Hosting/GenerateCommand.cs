using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Api.Hosting;

/// <summary>
/// <c>generate --clinics N --practitioners M --out DIR [--seed S]</c>: writes fictional sample listings in
/// the seed format, with the reference data beside them, so that <c>Seed__Path=DIR</c> serves them.
/// </summary>
public static class GenerateCommand
{
    public static int Run(string[] args, TextWriter output)
    {
        int clinics = 1000, practitioners = 3000, seed = 42;
        string? outDir = null;
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            switch (args[i])
            {
                case "--clinics" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0: clinics = n; i++; break;
                case "--practitioners" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n >= 0: practitioners = n; i++; break;
                case "--seed" when int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n): seed = n; i++; break;
                case "--out" when !string.IsNullOrWhiteSpace(value): outDir = value; i++; break;
                default:
                    output.WriteLine($"Unknown or invalid argument \"{args[i]}\".");
                    output.WriteLine("usage: generate --clinics N --practitioners M --out DIR [--seed S]");
                    return 2;
            }
        }
        if (outDir is null)
        {
            output.WriteLine("usage: generate --clinics N --practitioners M --out DIR [--seed S]");
            return 2;
        }

        var source = SeedData.Locate(null);
        var target = Path.GetFullPath(outDir);
        var listingsDir = Path.Combine(target, "listings");
        Directory.CreateDirectory(listingsDir);
        Directory.CreateDirectory(Path.Combine(target, "gazetteer"));
        foreach (var file in new[] { "conditions.json", "certification-programs.json", Path.Combine("gazetteer", "places.json"), Path.Combine("gazetteer", "postal-codes.json") })
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
            output.WriteLine($"{Path.GetFileName(path)}: {writtenClinics}/{clinics} clinics, {writtenPractitioners}/{practitioners} practitioners ({watch.Elapsed.TotalSeconds:F1} s)");
        }
        output.WriteLine($"Wrote {writtenClinics} clinics and {writtenPractitioners} practitioners to {target}. Serve them with Seed__Path={target}.");
        return 0;
    }
}
