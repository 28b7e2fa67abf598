using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Search;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Search.Lucene;

/// <summary>
/// Reads the summary documents that <see cref="ListingSummary"/> describes (as <see cref="DirectoryJson.Options"/>
/// writes them) straight from their UTF-8 bytes: a search page reads twenty of them, and the general JSON
/// deserializer took about a tenth of the service's time doing it. Anything this reader does not expect (a
/// property it does not know, a non-empty list a summary never holds, a token of another type) makes it give
/// up, and the caller reads the document with the general deserializer instead.
/// </summary>
public static class SummaryReader
{
    private static readonly (byte[] Name, int Value)[] TechniqueNames = Names<Technique>();
    private static readonly (byte[] Name, int Value)[] ProfessionNames = Names<Profession>();

    /// <summary>
    /// A summary document of a clinic or practitioner: read directly when it has the shape this reader knows,
    /// else (and for any other type) by the general deserializer.
    /// </summary>
    /// <remarks>
    /// fields: the summary fields (GraphQL names) the caller reads; the others are passed over and keep their
    /// defaults (id and name are always read). Null: all of them.
    /// </remarks>
    public static T Read<T>(ReadOnlySpan<byte> json, IReadOnlySet<string>? fields = null)
    {
        object? summary = typeof(T) == typeof(Clinic) ? Clinic(json, fields)
            : typeof(T) == typeof(Practitioner) ? Practitioner(json, fields) : null;
        return summary is T read ? read : JsonSerializer.Deserialize<T>(json, DirectoryJson.Options)!;
    }

    /// <summary>The clinic summary in <paramref name="json"/>, or null when it is not one this reader knows.</summary>
    public static Clinic? Clinic(ReadOnlySpan<byte> json, IReadOnlySet<string>? fields = null) => Read(json, new Clinic(), fields, ClinicProperty);

    /// <summary>The practitioner summary in <paramref name="json"/>, or null when it is not one this reader knows.</summary>
    public static Practitioner? Practitioner(ReadOnlySpan<byte> json, IReadOnlySet<string>? fields = null) => Read(json, new Practitioner(), fields, PractitionerProperty);

    private delegate bool PropertyReader<in T>(ref Utf8JsonReader reader, T into, IReadOnlySet<string>? fields);

    /// <summary>The object in json, each property read by property (false: not a property of this shape).</summary>
    private static T? Read<T>(ReadOnlySpan<byte> json, T into, IReadOnlySet<string>? fields, PropertyReader<T> property) where T : class
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return reader.Read() ? null : into;
            if (reader.TokenType != JsonTokenType.PropertyName || !property(ref reader, into, fields)) return null;
        }
        return null;
    }

    /// <summary>
    /// True when the caller reads only other fields than this one: the value of the property the reader is on is
    /// then passed over (the reader holds the whole document, so passing over a value either succeeds or throws as
    /// reading it would).
    /// </summary>
    private static bool Passed(ref Utf8JsonReader reader, IReadOnlySet<string>? fields, string field)
    {
        if (fields is null || fields.Contains(field)) return false;
        reader.Skip();
        return true;
    }

    private static bool ClinicProperty(ref Utf8JsonReader reader, Clinic clinic, IReadOnlySet<string>? fields)
    {
        if (reader.ValueTextEquals("id"u8)) return ReadString(ref reader, out var id) && id is not null && Set(clinic.Id = id);
        if (reader.ValueTextEquals("name"u8)) return ReadString(ref reader, out var name) && name is not null && Set(clinic.Name = name);
        if (reader.ValueTextEquals("address"u8)) return Passed(ref reader, fields, "address") || Address(ref reader, clinic.Address);
        if (reader.ValueTextEquals("latitude"u8)) return Passed(ref reader, fields, "latitude") || ReadDouble(ref reader, out var lat) && Set(clinic.Latitude = lat);
        if (reader.ValueTextEquals("longitude"u8)) return Passed(ref reader, fields, "longitude") || ReadDouble(ref reader, out var lon) && Set(clinic.Longitude = lon);
        if (reader.ValueTextEquals("phone"u8)) return Passed(ref reader, fields, "phone") || ReadString(ref reader, out var phone) && Set(clinic.Phone = phone);
        if (reader.ValueTextEquals("website"u8)) return Passed(ref reader, fields, "website") || ReadString(ref reader, out var website) && Set(clinic.Website = website);
        if (reader.ValueTextEquals("bookingUrl"u8)) return Passed(ref reader, fields, "bookingUrl") || ReadString(ref reader, out var booking) && Set(clinic.BookingUrl = booking);
        if (reader.ValueTextEquals("techniques"u8)) return Passed(ref reader, fields, "techniques") || Techniques(ref reader, clinic.Techniques);
        if (reader.ValueTextEquals("languages"u8)) return Passed(ref reader, fields, "languages") || Strings(ref reader, clinic.Languages);
        if (reader.ValueTextEquals("directBilling"u8)) return Passed(ref reader, fields, "directBilling") || ReadBoolean(ref reader, out var billing) && Set(clinic.DirectBilling = billing);
        if (reader.ValueTextEquals("acceptingNewPatients"u8)) return Passed(ref reader, fields, "acceptingNewPatients") || ReadBoolean(ref reader, out var accepting) && Set(clinic.AcceptingNewPatients = accepting);
        if (reader.ValueTextEquals("updatedAt"u8)) return Passed(ref reader, fields, "updatedAt") || ReadTime(ref reader, out var updated) && Set(clinic.UpdatedAt = updated);
        if (reader.ValueTextEquals("version"u8)) return Passed(ref reader, fields, "version") || ReadInt(ref reader, out var version) && Set(clinic.Version = version);
        if (reader.ValueTextEquals("isSample"u8)) return Passed(ref reader, fields, "isSample") || ReadBoolean(ref reader, out var sample) && Set(clinic.IsSample = sample);
        if (reader.ValueTextEquals("hours"u8) || reader.ValueTextEquals("conditions"u8)) return EmptyList(ref reader);
        return false;
    }

    private static bool PractitionerProperty(ref Utf8JsonReader reader, Practitioner practitioner, IReadOnlySet<string>? fields)
    {
        if (reader.ValueTextEquals("id"u8)) return ReadString(ref reader, out var id) && id is not null && Set(practitioner.Id = id);
        if (reader.ValueTextEquals("name"u8)) return ReadString(ref reader, out var name) && name is not null && Set(practitioner.Name = name);
        if (reader.ValueTextEquals("profession"u8)) return Passed(ref reader, fields, "profession") || ReadEnum(ref reader, ProfessionNames, out var profession) && Set(practitioner.Profession = (Profession)profession);
        if (reader.ValueTextEquals("techniques"u8)) return Passed(ref reader, fields, "techniques") || Techniques(ref reader, practitioner.Techniques);
        if (reader.ValueTextEquals("languages"u8)) return Passed(ref reader, fields, "languages") || Strings(ref reader, practitioner.Languages);
        if (reader.ValueTextEquals("clinicIds"u8)) return Passed(ref reader, fields, "clinics") || Strings(ref reader, practitioner.ClinicIds);
        if (reader.ValueTextEquals("acceptingNewPatients"u8)) return Passed(ref reader, fields, "acceptingNewPatients") || ReadBoolean(ref reader, out var accepting) && Set(practitioner.AcceptingNewPatients = accepting);
        if (reader.ValueTextEquals("updatedAt"u8)) return Passed(ref reader, fields, "updatedAt") || ReadTime(ref reader, out var updated) && Set(practitioner.UpdatedAt = updated);
        if (reader.ValueTextEquals("version"u8)) return Passed(ref reader, fields, "version") || ReadInt(ref reader, out var version) && Set(practitioner.Version = version);
        if (reader.ValueTextEquals("isSample"u8)) return Passed(ref reader, fields, "isSample") || ReadBoolean(ref reader, out var sample) && Set(practitioner.IsSample = sample);
        if (reader.ValueTextEquals("credentials"u8) || reader.ValueTextEquals("conditions"u8)) return EmptyList(ref reader);
        return false;
    }

    /// <summary>Lets an assignment stand in a condition chain.</summary>
    private static bool Set<T>(T _) => true;

    private static bool ReadString(ref Utf8JsonReader reader, out string? value)
    {
        value = null;
        if (!reader.Read()) return false;
        if (reader.TokenType == JsonTokenType.Null) return true;
        if (reader.TokenType != JsonTokenType.String) return false;
        value = reader.GetString();
        return true;
    }

    private static bool ReadDouble(ref Utf8JsonReader reader, out double value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetDouble(out value);
    }

    private static bool ReadInt(ref Utf8JsonReader reader, out int value)
    {
        value = 0;
        return reader.Read() && reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out value);
    }

    private static bool ReadBoolean(ref Utf8JsonReader reader, out bool value)
    {
        value = false;
        if (!reader.Read()) return false;
        if (reader.TokenType is not (JsonTokenType.True or JsonTokenType.False)) return false;
        value = reader.TokenType == JsonTokenType.True;
        return true;
    }

    private static bool ReadTime(ref Utf8JsonReader reader, out DateTimeOffset value)
    {
        value = default;
        return reader.Read() && reader.TokenType == JsonTokenType.String && reader.TryGetDateTimeOffset(out value);
    }

    private static bool ReadEnum(ref Utf8JsonReader reader, (byte[] Name, int Value)[] names, out int value)
    {
        value = -1;
        return reader.Read() && MatchEnum(ref reader, names, out value);
    }

    private static bool MatchEnum(ref Utf8JsonReader reader, (byte[] Name, int Value)[] names, out int value)
    {
        value = -1;
        if (reader.TokenType != JsonTokenType.String) return false;
        foreach (var (name, v) in names)
        {
            if (reader.ValueTextEquals(name))
            {
                value = v;
                return true;
            }
        }
        return false;
    }

    private static bool Techniques(ref Utf8JsonReader reader, List<Technique> into)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return true;
            if (!MatchEnum(ref reader, TechniqueNames, out var technique)) return false;
            into.Add((Technique)technique);
        }
        return false;
    }

    private static bool Strings(ref Utf8JsonReader reader, List<string> into)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray) return false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndArray) return true;
            if (reader.TokenType != JsonTokenType.String) return false;
            into.Add(reader.GetString()!);
        }
        return false;
    }

    private static bool EmptyList(ref Utf8JsonReader reader) =>
        reader.Read() && reader.TokenType == JsonTokenType.StartArray && reader.Read() && reader.TokenType == JsonTokenType.EndArray;

    private static bool Address(ref Utf8JsonReader reader, Address address)
    {
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return false;
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return true;
            if (reader.TokenType != JsonTokenType.PropertyName) return false;
            int part;
            if (reader.ValueTextEquals("street"u8)) part = 0;
            else if (reader.ValueTextEquals("city"u8)) part = 1;
            else if (reader.ValueTextEquals("region"u8)) part = 2;
            else if (reader.ValueTextEquals("postalCode"u8)) part = 3;
            else if (reader.ValueTextEquals("country"u8)) part = 4;
            else return false;
            if (!ReadString(ref reader, out var value) || value is null) return false;
            switch (part)
            {
                case 0: address.Street = value; break;
                case 1: address.City = value; break;
                case 2: address.Region = value; break;
                case 3: address.PostalCode = value; break;
                default: address.Country = value; break;
            }
        }
        return false;
    }

    /// <summary>An enum's values by their JSON names (as <see cref="DirectoryJson"/> writes them).</summary>
    private static (byte[] Name, int Value)[] Names<T>() where T : struct, System.Enum =>
        System.Enum.GetValues<T>()
            .Select(v => (System.Text.Encoding.UTF8.GetBytes(DirectoryJson.EnumNames.ConvertName(v.ToString())), Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
}
