using System.Globalization;
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

        var target = Path.GetFullPath(outDir);
        var (writtenClinics, writtenPractitioners) = SampleSeedWriter.Write(SeedData.Locate(null), target, clinics, practitioners, seed, output);
        output.WriteLine($"Wrote {writtenClinics} clinics and {writtenPractitioners} practitioners to {target}. Serve them with Seed__Path={target}.");
        return 0;
    }
}
