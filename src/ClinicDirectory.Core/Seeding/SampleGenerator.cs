using System.Globalization;
using ClinicDirectory.Core.Domain;
using ClinicDirectory.Core.Geo;
using ClinicDirectory.Core.Taxonomy;

namespace ClinicDirectory.Core.Seeding;

/// <summary>
/// Generates fictional sample listings: the same seed gives the same listings. Every name carries
/// "(sample)", contacts use reserved fictional numbers and .example domains, and registration numbers
/// start with "SAMPLE-", so no sample can be taken for a real clinic or practitioner.
/// </summary>
public sealed class SampleGenerator(DirectoryTaxonomy taxonomy, Gazetteer gazetteer)
{
    /// <summary>
    /// Clinics per generated file; each file holds its clinics' practitioners. Small files keep the memory of
    /// seeding (one file at a time) low.
    /// </summary>
    public const int ChunkSize = 2_500;

    private static readonly (string City, string Region, string Country, int Weight, string AreaCode)[] Cities =
    [
        ("Toronto", "ON", "CA", 12, "416"), ("Montréal", "QC", "CA", 9, "514"), ("Vancouver", "BC", "CA", 8, "604"),
        ("Calgary", "AB", "CA", 8, "403"), ("Edmonton", "AB", "CA", 7, "780"), ("Ottawa", "ON", "CA", 6, "613"),
        ("Winnipeg", "MB", "CA", 5, "204"), ("Québec", "QC", "CA", 4, "418"), ("Hamilton", "ON", "CA", 4, "905"),
        ("Kitchener", "ON", "CA", 3, "519"), ("London", "ON", "CA", 3, "519"), ("Victoria", "BC", "CA", 3, "250"),
        ("Halifax", "NS", "CA", 3, "902"), ("Saskatoon", "SK", "CA", 3, "306"), ("Regina", "SK", "CA", 2, "306"),
        ("St. John's", "NL", "CA", 2, "709"), ("Kelowna", "BC", "CA", 2, "250"), ("Sherbrooke", "QC", "CA", 2, "819"),
        ("Kingston", "ON", "CA", 2, "613"), ("Moncton", "NB", "CA", 2, "506"), ("Fredericton", "NB", "CA", 1, "506"),
        ("Red Deer", "AB", "CA", 2, "403"), ("Lethbridge", "AB", "CA", 2, "403"), ("Okotoks", "AB", "CA", 1, "403"),
        ("Airdrie", "AB", "CA", 1, "587"), ("Grande Prairie", "AB", "CA", 1, "780"), ("Kamloops", "BC", "CA", 1, "250"),
        ("Charlottetown", "PE", "CA", 1, "902"),
        ("New York City", "NY", "US", 10, "212"), ("Los Angeles", "CA", "US", 8, "213"), ("Chicago", "IL", "US", 7, "312"),
        ("Houston", "TX", "US", 5, "713"), ("Phoenix", "AZ", "US", 4, "602"), ("Philadelphia", "PA", "US", 4, "215"),
        ("San Diego", "CA", "US", 4, "619"), ("Dallas", "TX", "US", 4, "214"), ("Austin", "TX", "US", 3, "512"),
        ("Denver", "CO", "US", 4, "303"), ("Seattle", "WA", "US", 4, "206"), ("Portland", "OR", "US", 3, "503"),
        ("Boston", "MA", "US", 4, "617"), ("Atlanta", "GA", "US", 3, "404"), ("Miami", "FL", "US", 3, "305"),
        ("Minneapolis", "MN", "US", 3, "612"), ("Nashville", "TN", "US", 2, "615"), ("Salt Lake City", "UT", "US", 2, "801"),
        ("Raleigh", "NC", "US", 2, "919"), ("Spokane", "WA", "US", 1, "509"), ("Boise", "ID", "US", 1, "208"),
        ("Madison", "WI", "US", 1, "608"), ("Columbus", "OH", "US", 2, "614"), ("Pittsburgh", "PA", "US", 2, "412"),
        ("Kansas City", "MO", "US", 2, "816"), ("Albuquerque", "NM", "US", 1, "505"), ("Tampa", "FL", "US", 2, "813"),
    ];

    private static readonly string[] NamePrefixes =
    [
        "Riverside", "Summit", "Northgate", "Lakeview", "Maple", "Cedar", "Harbour", "Prairie", "Evergreen", "Southridge",
        "Westbrook", "Parkside", "Hillcrest", "Bayview", "Oakwood", "Crossroads", "Kinetic", "Core", "Balance", "Motion",
        "Active", "Aligned", "Peak", "Trailhead", "Foothills", "Meadow", "Stonebridge", "Granite", "Willow", "Aspen",
    ];

    private static readonly string[] NameKinds =
    [
        "Physiotherapy", "Physio & Sports Clinic", "Rehab Centre", "Health Clinic", "Chiropractic & Physiotherapy",
        "Movement Clinic", "Pain Relief Centre", "Sports Medicine", "Wellness Clinic", "Physical Therapy",
    ];

    private static readonly string[] Streets =
    [
        "Main St", "King St", "Queen St", "Centre St", "Park Ave", "Maple Dr", "Oak St", "Elm Ave", "1st Ave", "2nd Ave",
        "Broadway", "Victoria Rd", "Lakeshore Blvd", "Hillside Dr", "Market St", "Church St", "River Rd", "Station Rd",
    ];

    private static readonly string[] FirstNames =
    [
        "Emma", "Liam", "Olivia", "Noah", "Ava", "Lucas", "Sophia", "Ethan", "Mia", "Logan", "Chloe", "Jacob", "Amelia",
        "Mason", "Harper", "Owen", "Zoe", "Samuel", "Leah", "Daniel", "Priya", "Arjun", "Mei", "Wei", "Sofia", "Mateo",
        "Isabella", "Diego", "Fatima", "Omar", "Hana", "Kenji", "Aisha", "Gabriel", "Camille", "Julien", "Nadia", "Ravi",
        "Grace", "Henry", "Claire", "Marc", "Élise", "Simran", "Jasmine", "Tyler", "Megan", "Connor", "Rachel", "Adam",
    ];

    private static readonly string[] LastNames =
    [
        "Smith", "Brown", "Tremblay", "Martin", "Roy", "Wilson", "MacDonald", "Gagnon", "Johnson", "Taylor", "Campbell",
        "Anderson", "Leblanc", "Lee", "Wong", "Nguyen", "Singh", "Patel", "Kim", "Chen", "Garcia", "Rodriguez", "Lopez",
        "Gauthier", "Morin", "Bouchard", "Clarke", "Walker", "Young", "Hall", "Wright", "Scott", "Green", "Baker",
        "Hughes", "Murphy", "Kelly", "O'Brien", "Fraser", "Stewart", "Reid", "Sandhu", "Gill", "Dhillon", "Ahmed",
        "Hassan", "Rossi", "Ferreira", "Novak", "Kowalski",
    ];

    private static readonly string[] ExtraLanguages = ["pa", "zh", "hi", "tl", "es", "ar", "it", "pt", "de", "ko", "vi", "fa", "ur", "pl"];

    /// <summary>Generates the listings in chunks of <see cref="ChunkSize"/> clinics, each with their practitioners.</summary>
    public IEnumerable<SeedListings> Generate(int clinics, int practitioners, int seed)
    {
        var cities = Cities.Select(c => ResolveCity(c)).ToArray();
        var totalWeight = Cities.Sum(c => c.Weight);
        var chunks = (clinics + ChunkSize - 1) / ChunkSize;
        var practitionersLeft = practitioners;
        for (var chunk = 0; chunk < chunks; chunk++)
        {
            var first = chunk * ChunkSize;
            var count = Math.Min(ChunkSize, clinics - first);
            var chunkPractitioners = chunk == chunks - 1 ? practitionersLeft : (int)((long)practitioners * count / clinics);
            practitionersLeft -= chunkPractitioners;
            var random = new Random(unchecked(seed * 7919 + chunk * 104729));
            yield return GenerateChunk(random, cities, totalWeight, first, count, chunkPractitioners, seed);
        }
    }

    private sealed record CityInfo(string City, string Region, string Country, int Weight, string AreaCode, Place Place, IReadOnlyList<Place> PostalCodes);

    private CityInfo ResolveCity((string City, string Region, string Country, int Weight, string AreaCode) c)
    {
        var place = gazetteer.Resolve($"{c.City}, {c.Region}")
            ?? throw new InvalidDataException($"The gazetteer has no {c.City}, {c.Region}.");
        var postal = gazetteer.PostalCodesNear(place.Latitude, place.Longitude, 15, c.Country);
        return new CityInfo(place.Name, c.Region, c.Country, c.Weight, c.AreaCode, place, postal.Count > 0 ? postal : [place with { PostalCode = c.Country == "CA" ? "A0A" : "00000" }]);
    }

    private SeedListings GenerateChunk(Random random, CityInfo[] cities, int totalWeight, int firstClinic, int clinicCount, int practitionerCount, int seed)
    {
        var listings = new SeedListings
        {
            Description = $"Generated sample listings (fictional), seed {seed}, clinics {firstClinic + 1} to {firstClinic + clinicCount}. Not real clinics or practitioners.",
        };
        var cityOfClinic = new List<CityInfo>(clinicCount);
        for (var i = 0; i < clinicCount; i++)
        {
            var city = Pick(random, cities, totalWeight);
            cityOfClinic.Add(city);
            listings.Clinics.Add(NewClinic(random, city, firstClinic + i + 1));
        }

        // Spread practitioners over clinics: every clinic has at least one when there are enough.
        var staffCounts = new int[clinicCount];
        for (var i = 0; i < practitionerCount; i++)
            staffCounts[i < clinicCount ? i : random.Next(clinicCount)]++;

        var practitionerNumber = (long)firstClinic * 3 + 1;
        for (var c = 0; c < clinicCount; c++)
        {
            var clinic = listings.Clinics[c];
            for (var s = 0; s < staffCounts[c]; s++)
            {
                var p = NewPractitioner(random, clinic, cityOfClinic[c], practitionerNumber++);
                // Some practitioners also work at a second clinic of the same city.
                if (random.NextDouble() < 0.08)
                {
                    var other = random.Next(clinicCount);
                    if (other != c && cityOfClinic[other] == cityOfClinic[c]) p.ClinicIds.Add(listings.Clinics[other].Id);
                }
                listings.Practitioners.Add(p);
            }
        }

        var byClinic = listings.Practitioners.SelectMany(p => p.ClinicIds.Select(id => (id, p))).ToLookup(x => x.id, x => x.p);
        foreach (var clinic in listings.Clinics)
        {
            clinic.Techniques = [.. clinic.Techniques.Concat(byClinic[clinic.Id].SelectMany(p => p.Techniques)).Distinct().Order()];
        }
        return listings;
    }

    private Clinic NewClinic(Random random, CityInfo city, int number)
    {
        var name = $"{NamePrefixes[random.Next(NamePrefixes.Length)]} {NameKinds[random.Next(NameKinds.Length)]}";
        var slug = TextNormalizer.CompactKey(name) + number.ToString(CultureInfo.InvariantCulture);
        // Within about 8 km of the city centre.
        var lat = city.Place.Latitude + (random.NextDouble() - 0.5) * 0.14;
        var lon = city.Place.Longitude + (random.NextDouble() - 0.5) * 0.14 / Math.Cos(city.Place.Latitude * Math.PI / 180);
        var postal = city.PostalCodes.MinBy(p => GeoMath.HaversineKm(lat, lon, p.Latitude, p.Longitude))!;
        var postalCode = city.Country == "CA"
            ? $"{postal.PostalCode} {random.Next(10)}{(char)('A' + random.Next(26))}{random.Next(10)}"
            : postal.PostalCode!;
        var techniques = new List<Technique> { Technique.ManualTherapy };
        if (random.NextDouble() < 0.7) techniques.Add(Technique.ExerciseTherapy);
        var conditions = taxonomy.Conditions.OrderBy(_ => random.Next()).Take(6 + random.Next(9)).Select(c => c.Id).ToList();
        return new Clinic
        {
            Id = $"sample-clinic-{number:D6}",
            Name = name + " (sample)",
            Description = $"Sample listing (fictional). {name} in {city.City} offers dry needling with physiotherapy, manual therapy and exercise programs.",
            Address = new Address
            {
                Street = $"{100 + random.Next(9800)} {Streets[random.Next(Streets.Length)]}",
                City = city.City,
                Region = city.Region,
                PostalCode = postalCode,
                Country = city.Country,
            },
            Latitude = Math.Round(lat, 5),
            Longitude = Math.Round(lon, 5),
            Phone = $"{city.AreaCode}-555-01{random.Next(100):D2}",
            Email = $"info@{slug}.example",
            Website = $"https://{slug}.example",
            BookingUrl = random.NextDouble() < 0.75 ? $"https://{slug}.example/book" : null,
            Hours = Hours(random),
            Techniques = techniques,
            Conditions = conditions,
            Languages = Languages(random, city),
            DirectBilling = random.NextDouble() < (city.Country == "CA" ? 0.7 : 0.3),
            AcceptingNewPatients = random.NextDouble() < 0.8,
            UpdatedAt = new DateTimeOffset(2026, 11, 1, 0, 0, 0, TimeSpan.Zero),
            Version = 1,
            IsSample = true,
        };
    }

    private Practitioner NewPractitioner(Random random, Clinic clinic, CityInfo city, long number)
    {
        var name = $"{FirstNames[random.Next(FirstNames.Length)]} {LastNames[random.Next(LastNames.Length)]}";
        var roll = random.NextDouble();
        var profession = roll switch
        {
            < 0.65 => Profession.Physiotherapist,
            < 0.80 => Profession.Chiropractor,
            < 0.86 => Profession.Physician,
            < 0.96 => Profession.AthleticTherapist,
            _ => Profession.Other,
        };
        var credentials = Credentials(random, city.Country, number);
        var techniques = credentials
            .Select(c => taxonomy.ProgramById(c.ProgramId)!.Technique)
            .Append(Technique.DryNeedling)
            .Concat(profession == Profession.Physiotherapist ? [Technique.ManualTherapy, Technique.ExerciseTherapy] : [])
            .Distinct().Order().ToList();
        var languages = clinic.Languages.Where(_ => random.NextDouble() < 0.8).ToList();
        if (languages.Count == 0) languages.Add(clinic.Languages[0]);
        return new Practitioner
        {
            Id = $"sample-practitioner-{number:D7}",
            Name = name + " (sample)",
            Profession = profession,
            Bio = $"Sample profile (fictional). {ProfessionLabel(profession)} at {clinic.Name}, treating {string.Join(", ", clinic.Conditions.Take(3).Select(id => taxonomy.ConditionById(id)!.Name.ToLowerInvariant()))}.",
            Registration = profession == Profession.Other ? null : new Registration
            {
                Regulator = Regulator(profession, city),
                Number = $"SAMPLE-{random.Next(10000, 99999)}",
                Status = random.NextDouble() < 0.97 ? RegistrationStatus.Active : RegistrationStatus.Inactive,
                DryNeedlingAuthorized = profession is Profession.Physiotherapist or Profession.Physician || random.NextDouble() < 0.5,
            },
            Credentials = credentials,
            Techniques = techniques,
            Conditions = [.. clinic.Conditions.Where(_ => random.NextDouble() < 0.6)],
            Languages = languages,
            AcceptingNewPatients = clinic.AcceptingNewPatients && random.NextDouble() < 0.9,
            ClinicIds = [clinic.Id],
            UpdatedAt = clinic.UpdatedAt,
            Version = 1,
            IsSample = true,
        };
    }

    private List<Credential> Credentials(Random random, string country, long number)
    {
        (string Program, double Chance)[] offers = country == "CA"
            ? [("gunnims-ims", 0.40), ("kinetacore-fdn-1", 0.35), ("acupuncture-canada-cafci", 0.10), ("myopain-dn", 0.05), ("eim-fdn-1", 0.03)]
            : [("kinetacore-fdn-1", 0.35), ("aamt-cert-dn", 0.25), ("myopain-cmtpt", 0.15), ("eim-fdn-1", 0.15), ("gunnims-ims", 0.05)];
        var credentials = new List<Credential>();
        foreach (var (program, chance) in offers)
        {
            if (random.NextDouble() >= chance) continue;
            credentials.Add(NewCredential(random, program, number, credentials.Count));
            var level2 = program switch { "kinetacore-fdn-1" => "kinetacore-fdn-2", "eim-fdn-1" => "eim-fdn-2", _ => null };
            if (level2 is not null && random.NextDouble() < 0.45)
                credentials.Add(NewCredential(random, level2, number, credentials.Count));
        }
        if (credentials.Count == 0)
            credentials.Add(NewCredential(random, offers[0].Program, number, 0));
        return credentials;
    }

    private Credential NewCredential(Random random, string programId, long number, int index)
    {
        var earned = new DateOnly(2008 + random.Next(18), 1 + random.Next(12), 1 + random.Next(28));
        var roll = random.NextDouble();
        var status = roll switch
        {
            < 0.45 => VerificationStatus.Verified,
            < 0.95 => VerificationStatus.SelfReported,
            < 0.98 => VerificationStatus.Expired,
            _ => VerificationStatus.Rejected,
        };
        return new Credential
        {
            Id = $"sample-cred-{number:D7}-{index}",
            ProgramId = programId,
            EarnedOn = earned,
            ExpiresOn = status == VerificationStatus.Expired ? earned.AddYears(3) : null,
            Status = status,
            VerifiedAt = status == VerificationStatus.Verified ? new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero) : null,
            // Self-reported ones are the clinic's claim; the others as if a (fictional) roster of the body had said so.
            Source = status == VerificationStatus.SelfReported ? ProvenanceSource.Clinic : ProvenanceSource.CertifyingBody,
            AssertedAt = new DateTimeOffset(2026, 10, 1, 0, 0, 0, TimeSpan.Zero),
            VerifiedBy = status == VerificationStatus.SelfReported ? null : $"{taxonomy.ProgramById(programId)?.Body} roster (sample)",
            Provenance = status == VerificationStatus.SelfReported ? null : "Fictional sample roster",
        };
    }

    private static List<OpeningHours> Hours(Random random)
    {
        var (opens, closes) = random.Next(3) switch { 0 => ("08:00", "18:00"), 1 => ("07:00", "19:00"), _ => ("09:00", "17:00") };
        var hours = new List<OpeningHours>();
        foreach (var day in new[] { DayOfWeek.Monday, DayOfWeek.Tuesday, DayOfWeek.Wednesday, DayOfWeek.Thursday, DayOfWeek.Friday })
            hours.Add(new OpeningHours { Day = day, Opens = opens, Closes = day is DayOfWeek.Tuesday or DayOfWeek.Thursday && random.NextDouble() < 0.4 ? "20:00" : closes });
        if (random.NextDouble() < 0.5) hours.Add(new OpeningHours { Day = DayOfWeek.Saturday, Opens = "09:00", Closes = "14:00" });
        if (random.NextDouble() < 0.1) hours.Add(new OpeningHours { Day = DayOfWeek.Sunday, Opens = "10:00", Closes = "14:00" });
        return hours;
    }

    private static List<string> Languages(Random random, CityInfo city)
    {
        var languages = new List<string>();
        if (city.Region == "QC")
        {
            languages.Add("fr");
            if (random.NextDouble() < 0.7) languages.Add("en");
        }
        else
        {
            languages.Add("en");
            var french = city.Region switch { "NB" => 0.45, "ON" => 0.15, "CA" or "NY" or "TX" or "FL" => 0.0, _ => 0.05 };
            if (city.Country == "CA" && random.NextDouble() < french) languages.Add("fr");
            if (city.Country == "US" && random.NextDouble() < 0.35) languages.Add("es");
        }
        if (random.NextDouble() < 0.3) languages.Add(ExtraLanguages[random.Next(ExtraLanguages.Length)]);
        return [.. languages.Distinct()];
    }

    private static string ProfessionLabel(Profession profession) => profession switch
    {
        Profession.Physiotherapist => "Physiotherapist",
        Profession.Chiropractor => "Chiropractor",
        Profession.Physician => "Physician",
        Profession.AthleticTherapist => "Athletic therapist",
        _ => "Practitioner",
    };

    private static string Regulator(Profession profession, CityInfo city) => (city.Country, profession) switch
    {
        ("CA", Profession.Physiotherapist) => city.Region switch
        {
            "AB" => "Physiotherapy Alberta College + Association",
            "BC" => "College of Health and Care Professionals of BC",
            "ON" => "College of Physiotherapists of Ontario",
            "QC" => "Ordre professionnel de la physiothérapie du Québec",
            "MB" => "College of Physiotherapists of Manitoba",
            "SK" => "Saskatchewan College of Physical Therapists",
            "NS" => "Nova Scotia College of Physiotherapists",
            "NB" => "College of Physiotherapists of New Brunswick",
            "NL" => "Newfoundland and Labrador College of Physiotherapists",
            _ => "Prince Edward Island College of Physiotherapists",
        },
        ("CA", Profession.Chiropractor) => $"Chiropractic regulator ({city.Region})",
        ("CA", Profession.Physician) => $"College of Physicians and Surgeons ({city.Region})",
        ("CA", _) => "Canadian Athletic Therapists Association",
        (_, Profession.Physiotherapist) => $"{city.Region} Board of Physical Therapy",
        (_, Profession.Chiropractor) => $"{city.Region} Board of Chiropractic Examiners",
        (_, Profession.Physician) => $"{city.Region} Medical Board",
        _ => "Board of Certification for the Athletic Trainer",
    };

    private static CityInfo Pick(Random random, CityInfo[] cities, int totalWeight)
    {
        var roll = random.Next(totalWeight);
        foreach (var city in cities)
        {
            roll -= city.Weight;
            if (roll < 0) return city;
        }
        return cities[^1];
    }
}
