using System.Text.Json;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Seeding;

namespace ClinicDirectory.Core.Search;

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

    /// <summary>The clinic summary in <paramref name="json"/>, or null when it is not one this reader knows.</summary>
    public static Clinic? Clinic(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        var clinic = new Clinic();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return reader.Read() ? null : clinic;
            if (reader.TokenType != JsonTokenType.PropertyName) return null;
            var ok = true;
            if (reader.ValueTextEquals("id"u8)) ok = ReadString(ref reader, out var id) && id is not null && Set(clinic.Id = id);
            else if (reader.ValueTextEquals("name"u8)) ok = ReadString(ref reader, out var name) && name is not null && Set(clinic.Name = name);
            else if (reader.ValueTextEquals("address"u8)) ok = Address(ref reader, clinic.Address);
            else if (reader.ValueTextEquals("latitude"u8)) ok = ReadDouble(ref reader, out var lat) && Set(clinic.Latitude = lat);
            else if (reader.ValueTextEquals("longitude"u8)) ok = ReadDouble(ref reader, out var lon) && Set(clinic.Longitude = lon);
            else if (reader.ValueTextEquals("phone"u8)) ok = ReadString(ref reader, out var phone) && Set(clinic.Phone = phone);
            else if (reader.ValueTextEquals("website"u8)) ok = ReadString(ref reader, out var website) && Set(clinic.Website = website);
            else if (reader.ValueTextEquals("bookingUrl"u8)) ok = ReadString(ref reader, out var booking) && Set(clinic.BookingUrl = booking);
            else if (reader.ValueTextEquals("techniques"u8)) ok = Techniques(ref reader, clinic.Techniques);
            else if (reader.ValueTextEquals("languages"u8)) ok = Strings(ref reader, clinic.Languages);
            else if (reader.ValueTextEquals("directBilling"u8)) ok = ReadBoolean(ref reader, out var billing) && Set(clinic.DirectBilling = billing);
            else if (reader.ValueTextEquals("acceptingNewPatients"u8)) ok = ReadBoolean(ref reader, out var accepting) && Set(clinic.AcceptingNewPatients = accepting);
            else if (reader.ValueTextEquals("updatedAt"u8)) ok = ReadTime(ref reader, out var updated) && Set(clinic.UpdatedAt = updated);
            else if (reader.ValueTextEquals("version"u8)) ok = ReadInt(ref reader, out var version) && Set(clinic.Version = version);
            else if (reader.ValueTextEquals("isSample"u8)) ok = ReadBoolean(ref reader, out var sample) && Set(clinic.IsSample = sample);
            else if (reader.ValueTextEquals("hours"u8) || reader.ValueTextEquals("conditions"u8)) ok = EmptyList(ref reader);
            else return null;
            if (!ok) return null;
        }
        return null;
    }

    /// <summary>The practitioner summary in <paramref name="json"/>, or null when it is not one this reader knows.</summary>
    public static Practitioner? Practitioner(ReadOnlySpan<byte> json)
    {
        var reader = new Utf8JsonReader(json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject) return null;
        var practitioner = new Practitioner();
        while (reader.Read())
        {
            if (reader.TokenType == JsonTokenType.EndObject) return reader.Read() ? null : practitioner;
            if (reader.TokenType != JsonTokenType.PropertyName) return null;
            var ok = true;
            if (reader.ValueTextEquals("id"u8)) ok = ReadString(ref reader, out var id) && id is not null && Set(practitioner.Id = id);
            else if (reader.ValueTextEquals("name"u8)) ok = ReadString(ref reader, out var name) && name is not null && Set(practitioner.Name = name);
            else if (reader.ValueTextEquals("profession"u8)) ok = ReadEnum(ref reader, ProfessionNames, out var profession) && Set(practitioner.Profession = (Profession)profession);
            else if (reader.ValueTextEquals("techniques"u8)) ok = Techniques(ref reader, practitioner.Techniques);
            else if (reader.ValueTextEquals("languages"u8)) ok = Strings(ref reader, practitioner.Languages);
            else if (reader.ValueTextEquals("clinicIds"u8)) ok = Strings(ref reader, practitioner.ClinicIds);
            else if (reader.ValueTextEquals("acceptingNewPatients"u8)) ok = ReadBoolean(ref reader, out var accepting) && Set(practitioner.AcceptingNewPatients = accepting);
            else if (reader.ValueTextEquals("updatedAt"u8)) ok = ReadTime(ref reader, out var updated) && Set(practitioner.UpdatedAt = updated);
            else if (reader.ValueTextEquals("version"u8)) ok = ReadInt(ref reader, out var version) && Set(practitioner.Version = version);
            else if (reader.ValueTextEquals("isSample"u8)) ok = ReadBoolean(ref reader, out var sample) && Set(practitioner.IsSample = sample);
            else if (reader.ValueTextEquals("credentials"u8) || reader.ValueTextEquals("conditions"u8)) ok = EmptyList(ref reader);
            else return null;
            if (!ok) return null;
        }
        return null;
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
            .Select(v => (System.Text.Encoding.UTF8.GetBytes(JsonNamingPolicy.SnakeCaseUpper.ConvertName(v.ToString())), Convert.ToInt32(v, System.Globalization.CultureInfo.InvariantCulture)))
            .ToArray();
}
