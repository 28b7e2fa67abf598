using System.Globalization;
using System.Text.RegularExpressions;
using ClinicDirectory.Core.Domain;

namespace ClinicDirectory.Core.Editing;

/// <summary>Checks a listing after a change is applied, reporting each fault with its input path.</summary>
public static partial class ListingValidator
{
    public const int MaxName = 200;
    public const int MaxText = 2000;
    public const int MaxShort = 200;

    private static readonly HashSet<string> Provinces = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"];
    private static readonly HashSet<string> States =
    [
        "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA", "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME",
        "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI",
        "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY", "PR",
    ];

    public static void Clinic(Clinic clinic, string root, List<UserError> errors)
    {
        Text(clinic.Name, [root, "name"], MaxName, required: true, errors);
        Text(clinic.Description, [root, "description"], MaxText, required: false, errors);
        Address(clinic.Address, [root, "address"], errors);
        if (double.IsNaN(clinic.Latitude) || clinic.Latitude is < -90 or > 90)
            errors.Add(Invalid([root, "latitude"], "latitude must be between -90 and 90."));
        if (double.IsNaN(clinic.Longitude) || clinic.Longitude is < -180 or > 180)
            errors.Add(Invalid([root, "longitude"], "longitude must be between -180 and 180."));
        if (clinic.Phone is not null && !Phone().IsMatch(clinic.Phone))
            errors.Add(Invalid([root, "phone"], "phone must be 7 to 20 digits, with optional +, spaces, dots, dashes and parentheses."));
        if (clinic.Email is not null && (clinic.Email.Length > MaxShort || !Email().IsMatch(clinic.Email)))
            errors.Add(Invalid([root, "email"], "email must be an e-mail address such as info@clinic.ca."));
        Url(clinic.Website, [root, "website"], errors);
        Url(clinic.BookingUrl, [root, "bookingUrl"], errors);
        Hours(clinic.Hours, [root, "hours"], errors);
        Languages(clinic.Languages, [root, "languages"], errors);
    }

    public static void Practitioner(Practitioner practitioner, string root, List<UserError> errors)
    {
        Text(practitioner.Name, [root, "name"], MaxName, required: true, errors);
        Text(practitioner.Bio, [root, "bio"], MaxText, required: false, errors);
        if (practitioner.Registration is { } registration)
        {
            Text(registration.Regulator, [root, "registration", "regulator"], MaxShort, required: true, errors);
            Text(registration.Number, [root, "registration", "number"], 50, required: true, errors);
        }
        if (practitioner.Credentials.Count > 30)
            errors.Add(Invalid([root, "credentials"], "At most 30 credentials."));
        Languages(practitioner.Languages, [root, "languages"], errors);
    }

    private static void Address(Address address, string[] path, List<UserError> errors)
    {
        Text(address.Street, [.. path, "street"], MaxShort, required: true, errors);
        Text(address.City, [.. path, "city"], 100, required: true, errors);
        var country = address.Country;
        if (country is not ("CA" or "US"))
        {
            errors.Add(Invalid([.. path, "country"], "country must be \"CA\" or \"US\"."));
            return;
        }
        var regions = country == "CA" ? Provinces : States;
        if (!regions.Contains(address.Region))
            errors.Add(Invalid([.. path, "region"], country == "CA" ? "region must be a province or territory code such as \"AB\"." : "region must be a state code such as \"WA\"."));
        var postalOk = country == "CA" ? CanadianPostal().IsMatch(address.PostalCode) : UsZip().IsMatch(address.PostalCode);
        if (!postalOk)
            errors.Add(Invalid([.. path, "postalCode"], country == "CA" ? "postalCode must be a Canadian postal code such as \"T1S 2N3\"." : "postalCode must be a ZIP code such as \"98101\" or \"98101-1234\"."));
    }

    private static void Hours(List<OpeningHours> hours, string[] path, List<UserError> errors)
    {
        if (hours.Count > 21) errors.Add(Invalid(path, "At most 21 opening intervals."));
        for (var i = 0; i < hours.Count; i++)
        {
            var h = hours[i];
            string[] at = [.. path, i.ToString(CultureInfo.InvariantCulture)];
            var opens = Time(h.Opens);
            var closes = Time(h.Closes);
            if (opens is null) errors.Add(Invalid([.. at, "opens"], "opens must be a time as HH:MM, e.g. \"08:00\"."));
            if (closes is null) errors.Add(Invalid([.. at, "closes"], "closes must be a time as HH:MM, e.g. \"18:00\"."));
            if (opens is not null && closes is not null && opens >= closes)
                errors.Add(Invalid([.. at, "closes"], "closes must be later than opens."));
        }
    }

    private static TimeOnly? Time(string value) =>
        TimeRegex().IsMatch(value) && TimeOnly.TryParseExact(value, "HH:mm", CultureInfo.InvariantCulture, DateTimeStyles.None, out var t) ? t : null;

    private static void Languages(List<string> languages, string[] path, List<UserError> errors)
    {
        if (languages.Count > 20) errors.Add(Invalid(path, "At most 20 languages."));
        for (var i = 0; i < languages.Count; i++)
        {
            if (!LanguageCode().IsMatch(languages[i]))
                errors.Add(Invalid([.. path, i.ToString(CultureInfo.InvariantCulture)], $"\"{Short(languages[i])}\" is not an ISO 639-1 language code such as \"en\"."));
        }
    }

    private static void Url(string? url, string[] path, List<UserError> errors)
    {
        if (url is null) return;
        if (url.Length > 500 || !Uri.TryCreate(url, UriKind.Absolute, out var uri) || uri.Scheme is not ("http" or "https") || string.IsNullOrEmpty(uri.Host))
            errors.Add(Invalid(path, $"{path[^1]} must be an http or https address."));
    }

    private static void Text(string? value, string[] path, int max, bool required, List<UserError> errors)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            if (required) errors.Add(Invalid(path, $"{path[^1]} is required."));
            return;
        }
        if (value.Length > max) errors.Add(Invalid(path, $"{path[^1]} must be at most {max} characters."));
    }

    internal static UserError Invalid(string[] path, string message) => new(path, message, UserErrorCode.Invalid);

    private static string Short(string value) => value.Length > 20 ? value[..20] + "…" : value;

    [GeneratedRegex(@"^[A-Za-z]\d[A-Za-z] ?\d[A-Za-z]\d$")]
    private static partial Regex CanadianPostal();

    [GeneratedRegex(@"^\d{5}(-\d{4})?$")]
    private static partial Regex UsZip();

    [GeneratedRegex(@"^\+?[0-9 ().\-]{7,25}$")]
    private static partial Regex Phone();

    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[A-Za-z]{2,}$")]
    private static partial Regex Email();

    [GeneratedRegex("^[0-2][0-9]:[0-5][0-9]$")]
    private static partial Regex TimeRegex();

    [GeneratedRegex("^[a-z]{2}$")]
    private static partial Regex LanguageCode();
}
