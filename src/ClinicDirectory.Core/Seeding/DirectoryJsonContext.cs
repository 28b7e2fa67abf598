using System.Text.Json.Serialization;
using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Seeding;

/// <summary>Compile-time JSON metadata for the listings, so reading a hit's document needs no reflection.</summary>
[JsonSerializable(typeof(Clinic))]
[JsonSerializable(typeof(Practitioner))]
[JsonSerializable(typeof(SeedListings))]
internal sealed partial class DirectoryJsonContext : JsonSerializerContext;
