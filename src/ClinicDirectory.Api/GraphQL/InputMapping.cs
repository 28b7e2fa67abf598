using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Editing;

namespace ClinicDirectory.Api.GraphQL;

/// <summary>Turns parsed GraphQL input dictionaries into the editor's change objects, keeping which fields were sent.</summary>
public static class InputMapping
{
    public static ClinicChanges Clinic(IDictionary<string, object?> input)
    {
        var c = new ClinicChanges();
        foreach (var (key, value) in input)
        {
            c.Present.Add(key);
            switch (key)
            {
                case "name": c.Name = value as string; break;
                case "description": c.Description = value as string; break;
                case "address": c.Address = value as Address; break;
                case "latitude": c.Latitude = ToDouble(value); break;
                case "longitude": c.Longitude = ToDouble(value); break;
                case "phone": c.Phone = value as string; break;
                case "email": c.Email = value as string; break;
                case "website": c.Website = value as string; break;
                case "bookingUrl": c.BookingUrl = value as string; break;
                case "hours": c.Hours = List<OpeningHours>(value); break;
                case "techniques": c.Techniques = List<Technique>(value); break;
                case "conditions": c.Conditions = List<string>(value); break;
                case "languages": c.Languages = List<string>(value); break;
                case "directBilling": c.DirectBilling = value as bool?; break;
                case "acceptingNewPatients": c.AcceptingNewPatients = value as bool?; break;
            }
        }
        return c;
    }

    public static PractitionerChanges Practitioner(IDictionary<string, object?> input)
    {
        var p = new PractitionerChanges();
        foreach (var (key, value) in input)
        {
            p.Present.Add(key);
            switch (key)
            {
                case "id": p.Id = value?.ToString(); break;
                case "name": p.Name = value as string; break;
                case "profession": p.Profession = value as Profession?; break;
                case "bio": p.Bio = value as string; break;
                case "registration":
                    p.Registration = value is IDictionary<string, object?> r
                        ? new RegistrationChange(r["regulator"] as string ?? "", r["number"] as string ?? "", r.TryGetValue("dryNeedlingAuthorized", out var d) ? d as bool? : null)
                        : null;
                    break;
                case "credentials":
                    p.Credentials = [.. List<IDictionary<string, object?>>(value)?.Select(d => new CredentialChange(
                        d["programId"]?.ToString() ?? "",
                        d.TryGetValue("earnedOn", out var e) ? e as DateOnly? : null,
                        d.TryGetValue("expiresOn", out var x) ? x as DateOnly? : null)) ?? []];
                    break;
                case "techniques": p.Techniques = List<Technique>(value); break;
                case "conditions": p.Conditions = List<string>(value); break;
                case "languages": p.Languages = List<string>(value); break;
                case "acceptingNewPatients": p.AcceptingNewPatients = value as bool?; break;
            }
        }
        return p;
    }

    private static double? ToDouble(object? value) => value switch
    {
        null => null,
        double d => d,
        float f => f,
        int i => i,
        long l => l,
        decimal m => (double)m,
        _ => null,
    };

    private static List<T>? List<T>(object? value) => value is System.Collections.IEnumerable items and not string ? [.. items.OfType<T>()] : null;
}
