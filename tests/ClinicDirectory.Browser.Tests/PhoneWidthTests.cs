using System.Text.Json;
using Microsoft.Playwright;

namespace ClinicDirectory.Browser.Tests;

/// <summary>
/// The results page at phone widths, on a directory whose listings have the longest things a clinic writes (a long
/// name, street address, e-mail address and web address, many badges): nothing is wider than the screen.
/// </summary>
public sealed class PhoneWidthTests : IClassFixture<BrowserFixture>, IAsyncLifetime
{
    private readonly BrowserFixture _browser;
    private readonly string _root = Path.Combine(Path.GetTempPath(), "clinicdirectory-browser", "phone-" + Guid.NewGuid().ToString("N"));
    private ServiceProcess _service = null!;

    public PhoneWidthTests(BrowserFixture browser) => _browser = browser;

    public async Task InitializeAsync()
    {
        var seed = Path.Combine(_root, "seed");
        CopySeedReference(Core.Seeding.SeedData.Locate(null).Folder, seed);
        await File.WriteAllTextAsync(Path.Combine(seed, "listings", "01-long.json"), JsonSerializer.Serialize(LongListings()));
        _service = ServiceProcess.Start(Path.Combine(_root, "data"), seed);
        await _service.WaitReadyAsync();
    }

    public Task DisposeAsync()
    {
        _service?.Dispose();
        try { Directory.Delete(_root, recursive: true); } catch (IOException) { }
        return Task.CompletedTask;
    }

    /// <summary>The repository's taxonomy, gazetteer and real clinics: the directory the long listing joins.</summary>
    private static void CopySeedReference(string from, string to)
    {
        Directory.CreateDirectory(Path.Combine(to, "gazetteer"));
        Directory.CreateDirectory(Path.Combine(to, "listings"));
        foreach (var file in new[] { "conditions.json", "certification-programs.json", Path.Combine("gazetteer", "places.json"), Path.Combine("gazetteer", "postal-codes.json"), Path.Combine("listings", "00-real-clinics.json") })
            File.Copy(Path.Combine(from, file), Path.Combine(to, file));
    }

    private const string LongClinicName = "Interdisciplinary Physiotherapy, Chiropractic and Intramuscular Stimulation Centre of Okotoks and the Foothills (sample)";

    /// <summary>A fictional sample clinic and practitioner near Okotoks with long words where clinics write them.</summary>
    private static object LongListings() => new
    {
        description = "Fictional sample listing with long names and addresses, for the page's layout at phone widths.",
        clinics = new[]
        {
            new
            {
                id = "sample-long-okotoks",
                name = LongClinicName,
                description = "Sample listing (fictional). Neuromusculoskeletal-rehabilitation-and-myofascial-trigger-point-dry-needling in one unbroken word.",
                address = new { street = "Unit 1204, 12345 Southridge Drive Southeast, Professional-Medical-Building-North-Entrance", city = "Okotoks", region = "AB", postalCode = "T1S 2N3", country = "CA" },
                latitude = 50.7150,
                longitude = -113.9700,
                phone = "403-555-0199",
                email = "appointments.and.patient.enquiries@interdisciplinaryphysiotherapyokotoksfoothills.example",
                website = "https://www.interdisciplinaryphysiotherapyokotoksfoothills.example/dry-needling-and-intramuscular-stimulation",
                bookingUrl = "https://booking.interdisciplinaryphysiotherapyokotoksfoothills.example/online-appointments/new-patients",
                hours = new[] { new { day = "MONDAY", opens = "07:00", closes = "21:00" }, new { day = "SATURDAY", opens = "08:00", closes = "14:00" } },
                techniques = new[] { "DRY_NEEDLING", "INTRAMUSCULAR_STIMULATION", "FUNCTIONAL_DRY_NEEDLING", "ACUPUNCTURE", "MANUAL_THERAPY", "EXERCISE_THERAPY" },
                conditions = new[] { "low-back-pain", "sciatica", "neck-pain", "tmj", "plantar-fasciitis", "myofascial-pain", "tension-headache" },
                languages = new[] { "en", "fr", "pa", "zh", "hi", "tl", "ar", "uk", "vi", "gu" },
                directBilling = true,
                acceptingNewPatients = true,
                version = 1,
                updatedAt = "2026-11-01T00:00:00Z",
                isSample = true,
            },
        },
        practitioners = new[]
        {
            new
            {
                id = "sample-long-practitioner",
                name = "Maximiliana Alexandra Konstantinopoulou-Vanderbilt-Richardson (sample)",
                profession = "PHYSIOTHERAPIST",
                bio = "Sample profile (fictional).",
                credentials = new[]
                {
                    new { id = "sample-long-cred-0", programId = "gunnims-ims", status = "VERIFIED" },
                    new { id = "sample-long-cred-1", programId = "kinetacore-fdn-2", status = "SELF_REPORTED" },
                    new { id = "sample-long-cred-2", programId = "aamt-cert-dn", status = "SELF_REPORTED" },
                },
                techniques = new[] { "DRY_NEEDLING", "INTRAMUSCULAR_STIMULATION" },
                conditions = new[] { "sciatica", "neck-pain" },
                languages = new[] { "en", "fr" },
                acceptingNewPatients = true,
                clinicIds = new[] { "sample-long-okotoks" },
                version = 1,
                updatedAt = "2026-11-01T00:00:00Z",
                isSample = true,
            },
        },
    };

    /// <summary>Elements whose right edge is past the screen's width, with their widest offender first.</summary>
    private const string WiderThanScreen = """
        (width) => [...document.querySelectorAll('body *')]
          .filter((e) => e.getClientRects().length > 0 && !e.closest('.leaflet-pane, .leaflet-control-container'))
          .map((e) => ({ e, right: e.getBoundingClientRect().right }))
          .filter((x) => x.right > width + 0.5)
          .sort((a, b) => b.right - a.right)
          .slice(0, 5)
          .map((x) => `${x.e.tagName.toLowerCase()}${x.e.id ? '#' + x.e.id : ''}.${[...x.e.classList].join('.')} ends at ${Math.round(x.right)} px`)
        """;

    [Theory]
    [InlineData(320)]
    [InlineData(360)]
    [InlineData(390)]
    public async Task Search_results_and_a_practitioners_details_fit_the_phone_without_sideways_scrolling(int width)
    {
        var (page, errors) = await _browser.NewPageAsync(width, 800, service: _service);
        await page.GotoAsync("/?place=Okotoks%2C+AB&r=25");
        await page.WaitForFunctionAsync("() => document.getElementById('results').getAttribute('aria-busy') === 'false'");
        var card = page.Locator(".card", new() { HasText = LongClinicName });
        await Assertions.Expect(card).ToBeVisibleAsync();
        Assert.True(await page.Locator("#list .card").CountAsync() >= 2);
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"phone-{width}-results.png"), FullPage = true });

        // Against the screen's width itself: a mobile browser widens its layout viewport to a page that overflows.
        Assert.Equal(width, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        Assert.Empty(await page.EvaluateAsync<string[]>(WiderThanScreen, width));

        await card.Locator("button.person").First.ClickAsync();
        await Assertions.Expect(page.Locator("dialog[open]")).ToBeVisibleAsync();
        Assert.Empty(await page.EvaluateAsync<string[]>(WiderThanScreen, width));
        Assert.Equal(width, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        Assert.Empty(errors);
    }
}
