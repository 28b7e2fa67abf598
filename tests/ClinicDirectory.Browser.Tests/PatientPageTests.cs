using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Playwright;

namespace ClinicDirectory.Browser.Tests;

/// <summary>The patient page, used as a patient would, in real Chromium against the real service.</summary>
public sealed partial class PatientPageTests : IClassFixture<BrowserFixture>
{
    private readonly BrowserFixture _browser;

    public PatientPageTests(BrowserFixture browser) => _browser = browser;

    private static async Task WaitForResultsAsync(IPage page) =>
        await page.WaitForFunctionAsync("() => document.getElementById('results').getAttribute('aria-busy') === 'false'");

    private static async Task<int> StatusCountAsync(IPage page)
    {
        var text = await page.Locator("#status").InnerTextAsync();
        var match = LeadingNumber().Match(text);
        Assert.True(match.Success, $"status has no count: {text}");
        return int.Parse(match.Value, CultureInfo.InvariantCulture);
    }

    [Fact]
    public async Task Searching_Okotoks_with_GunnIMS_shows_Dynamic_Physiotherapy_with_distance_and_a_marker()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.FillAsync("#place", "Okotoks, AB");
        await page.SelectOptionAsync("#radius", "10");
        await WaitForResultsAsync(page);

        var card = page.Locator(".card", new() { HasText = "Dynamic Physiotherapy" });
        await Assertions.Expect(card).ToBeVisibleAsync();
        var distance = double.Parse(await card.Locator(".distance").GetAttributeAsync("data-distance") ?? "nan", CultureInfo.InvariantCulture);
        Assert.InRange(distance, 0, 10);
        await Assertions.Expect(card.Locator(".badge.self", new() { HasText = "GunnIMS" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".leaflet-marker-icon[title='Dynamic Physiotherapy']")).ToHaveCountAsync(1);
        Assert.Equal(await page.Locator("#list .card").CountAsync(), await page.Locator(".leaflet-marker-icon").CountAsync());
        Assert.Contains("within 10 km of Okotoks, AB", await page.Locator("#status").InnerTextAsync(), StringComparison.Ordinal);

        // GunnIMS holders only: its physiotherapist has no recorded Alberta authorization to use needles, so the clinic
        // is not among them; every result still has its marker.
        await page.Locator("#certifications input[value=gunnims]").CheckAsync();
        await WaitForResultsAsync(page);
        await Assertions.Expect(card).ToHaveCountAsync(0);
        Assert.Equal(await page.Locator("#list .card").CountAsync(), await page.Locator(".leaflet-marker-icon").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task What_a_patient_types_while_the_page_is_still_loading_stays_and_gets_suggestions()
    {
        var (page, errors) = await _browser.NewPageAsync();
        // The conditions and certification bodies arrive late, as on a slow connection.
        var release = new TaskCompletionSource();
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.PostData?.Contains("certificationPrograms", StringComparison.Ordinal) == true) await release.Task;
            await route.ContinueAsync();
        });
        await page.GotoAsync("/");
        await page.Locator("#place").PressSequentiallyAsync("Okot");
        await page.Locator("#place-options li", new() { HasText = "Okotoks, AB" }).ClickAsync();
        await page.Locator("#condition").PressSequentiallyAsync("jaw");
        await page.WaitForTimeoutAsync(300);
        release.SetResult();

        await page.Locator("#condition-options li", new() { HasText = "TMJ and jaw pain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chosen-conditions")).ToContainTextAsync("TMJ and jaw pain");
        await Assertions.Expect(page.Locator("#place")).ToHaveValueAsync("Okotoks, AB");
        await page.ClickAsync("#go");
        await WaitForResultsAsync(page);
        await Assertions.Expect(page.Locator(".card", new() { HasText = "Dynamic Physiotherapy" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task On_a_phone_a_patient_picks_Okotoks_jaw_pain_and_GunnIMS_and_gets_clinics_with_distances_badges_and_markers()
    {
        var (page, errors) = await _browser.NewPageAsync(390, 844);
        await page.GotoAsync("/");
        await page.Locator("#place").PressSequentiallyAsync("Okot");
        await page.Locator("#place-options li", new() { HasText = "Okotoks, AB" }).ClickAsync();
        await page.Locator("#condition").PressSequentiallyAsync("jaw pain");
        await page.Locator("#condition-options li", new() { HasText = "TMJ and jaw pain" }).ClickAsync();
        await Assertions.Expect(page.Locator("#chosen-conditions")).ToContainTextAsync("TMJ and jaw pain");
        await page.Locator("#certifications input[value=gunnims]").CheckAsync();
        await WaitForResultsAsync(page);

        var cards = page.Locator("#list .card");
        Assert.True(await cards.CountAsync() > 0);
        await Assertions.Expect(cards.First.Locator(".distance")).ToBeVisibleAsync();
        Assert.True(await page.Locator("#list .badge.self, #list .badge.verified").CountAsync() > 0);
        Assert.Equal(await cards.CountAsync(), await page.Locator(".leaflet-marker-icon").CountAsync());
        Assert.Contains("c=tmj", page.Url, StringComparison.Ordinal);
        Assert.Contains("cert=gunnims", page.Url, StringComparison.Ordinal);

        // Nothing is wider than the phone (its own width: a mobile browser widens its layout viewport to fit a page that overflows).
        Assert.Equal(390, await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth"));
        await page.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, "phone-okotoks-jaw-pain-gunnims.png"), FullPage = true });
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Use_my_location_searches_around_where_the_patient_is()
    {
        var (page, errors) = await _browser.NewPageAsync(location: new Geolocation { Latitude = 50.7289f, Longitude = -113.9828f });
        await page.GotoAsync("/");
        await page.ClickAsync("#locate");
        await WaitForResultsAsync(page);
        await Assertions.Expect(page.Locator("#status")).ToContainTextAsync("of your location");
        await Assertions.Expect(page.Locator(".card", new() { HasText = "Dynamic Physiotherapy" })).ToBeVisibleAsync();
        Assert.Contains("lat=50.7", page.Url, StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Choosing_filters_changes_the_facet_counts_and_each_count_is_the_total_it_gives()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/?place=Calgary%2C+AB&r=50");
        await WaitForResultsAsync(page);
        var kinetacore = page.Locator("#certifications label", new() { HasText = "Kinetacore" }).Locator(".count");
        var all = int.Parse(await kinetacore.InnerTextAsync(), CultureInfo.InvariantCulture);

        await page.Locator("#verified").CheckAsync();
        await WaitForResultsAsync(page);
        await Assertions.Expect(kinetacore).Not.ToHaveTextAsync(all.ToString(CultureInfo.InvariantCulture));
        var verified = int.Parse(await kinetacore.InnerTextAsync(), CultureInfo.InvariantCulture);
        Assert.True(verified < all, $"verified {verified} should be fewer than {all}");

        await page.Locator("#certifications input[value=kinetacore]").CheckAsync();
        await WaitForResultsAsync(page);
        Assert.Equal(verified, await StatusCountAsync(page));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_search_can_be_done_with_the_keyboard_alone()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Keyboard.PressAsync("Tab"); // skip link
        await page.Keyboard.PressAsync("Tab");
        Assert.Equal("place", await page.EvaluateAsync<string>("() => document.activeElement.id"));
        await page.Keyboard.TypeAsync("Okot");
        await Assertions.Expect(page.Locator("#place-options li").First).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        Assert.Equal("Okotoks, AB", await page.InputValueAsync("#place"));

        // Focus is visible on the control the keyboard is on.
        var outline = await page.EvaluateAsync<string>("() => getComputedStyle(document.activeElement).outlineStyle");
        Assert.Equal("solid", outline);

        await page.Keyboard.PressAsync("Enter");
        await WaitForResultsAsync(page);
        Assert.True(await StatusCountAsync(page) > 0);
        await Assertions.Expect(page.Locator(".card", new() { HasText = "Dynamic Physiotherapy" })).ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Keys_pressed_while_newer_suggestions_are_on_their_way_act_on_the_newer_list()
    {
        var (page, errors) = await _browser.NewPageAsync();
        // The suggestions for the longer prefix arrive late, as on a slow connection.
        await page.RouteAsync("**/graphql", async route =>
        {
            if (route.Request.PostData?.Contains("\"p\":\"Okot\"", StringComparison.Ordinal) == true) await Task.Delay(400);
            await route.ContinueAsync();
        });
        await page.GotoAsync("/");
        await page.Locator("#place").PressSequentiallyAsync("Ok");
        await Assertions.Expect(page.Locator("#place-options li").First).ToBeVisibleAsync();
        await page.Locator("#place").PressSequentiallyAsync("ot");
        await page.Keyboard.PressAsync("ArrowDown");
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.Locator("#place")).ToHaveValueAsync("Okotoks, AB");
        Assert.Empty(errors);
    }

    [Fact]
    public async Task An_unknown_place_says_so_and_the_back_button_returns_to_the_previous_search()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/?place=Okotoks%2C+AB&r=10");
        await WaitForResultsAsync(page);
        var first = await StatusCountAsync(page);

        await page.FillAsync("#place", "Atlantis, ZZ");
        await page.ClickAsync("#go");
        await WaitForResultsAsync(page);
        await Assertions.Expect(page.Locator("#place-help")).ToContainTextAsync("We don't know");

        await page.GoBackAsync();
        await WaitForResultsAsync(page);
        await Assertions.Expect(page.Locator("#place")).ToHaveValueAsync("Okotoks, AB");
        Assert.Equal(first, await StatusCountAsync(page));
        Assert.Empty(errors);
    }

    [Fact]
    public async Task No_results_suggest_a_wider_search_and_load_more_pages_through_results()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/?place=Okotoks%2C+AB&r=5&cert=aamt");
        await WaitForResultsAsync(page);
        await Assertions.Expect(page.Locator("#status")).ToHaveTextAsync("No clinics match this search.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Search a wider area" })).ToBeVisibleAsync();

        await page.GotoAsync("/?place=Toronto%2C+ON&r=50");
        await WaitForResultsAsync(page);
        Assert.Equal(10, await page.Locator("#list .card").CountAsync());
        await page.ClickAsync("#more");
        await Assertions.Expect(page.Locator("#list .card")).ToHaveCountAsync(20);
        Assert.Equal(20, await page.Locator(".leaflet-marker-icon").CountAsync());
        Assert.Empty(errors);
    }

    [Fact]
    public async Task A_practitioner_shows_registration_and_dry_needling_authorization()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/?place=Toronto%2C+ON&r=25&cert=kinetacore");
        await WaitForResultsAsync(page);
        await page.Locator("button.person").First.ClickAsync();
        var dialog = page.Locator("#practitioner");
        await Assertions.Expect(dialog.Locator("h2")).ToBeVisibleAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Registration");
        await Assertions.Expect(dialog).ToContainTextAsync("Dry needling");
        await Assertions.Expect(dialog).ToContainTextAsync("Kinetacore");
        await page.Keyboard.PressAsync("Escape");
        await Assertions.Expect(dialog).Not.ToBeVisibleAsync();
        Assert.Empty(errors);
    }

    [Fact]
    public async Task Each_badge_says_who_stands_behind_it_and_when()
    {
        var (page, errors) = await _browser.NewPageAsync();
        // Dynamic Physiotherapy's physiotherapist: a claim from the clinic's own page, and no recorded Alberta
        // authorization to use needles, which the dialog says.
        await page.GotoAsync("/?place=Okotoks%2C+AB&r=5");
        await WaitForResultsAsync(page);
        await page.Locator("button.person[data-practitioner='steve-hansen-okotoks']").ClickAsync();
        var dialog = page.Locator("#practitioner");
        await Assertions.Expect(dialog).ToContainTextAsync("Claimed by the clinic, not yet checked.");
        await Assertions.Expect(dialog.Locator(".notice")).ToContainTextAsync("College of Physiotherapists of Alberta");
        await Assertions.Expect(dialog).ToContainTextAsync("Source: Dynamic Physiotherapy (Okotoks, AB), web page \"Experience Expert Dry Needling in Okotoks\"");
        await page.Keyboard.PressAsync("Escape");

        // A (fictional) practitioner whose GunnIMS credential a roster verified on 1 October 2026.
        await page.GotoAsync("/?place=Calgary%2C+AB&r=25&cert=gunnims&verified=1");
        await WaitForResultsAsync(page);
        var person = page.Locator("button.person[data-practitioner='sample-practitioner-0000093']");
        while (await person.CountAsync() == 0 && await page.Locator("#more").IsVisibleAsync())
            await page.ClickAsync("#more");
        await person.ClickAsync();
        await Assertions.Expect(dialog).ToContainTextAsync("Verified with GunnIMS roster (sample), 1 Oct 2026.");
        // The badge in the results carries it too.
        Assert.Contains("Verified with GunnIMS roster (sample), 1 Oct 2026", await page.Locator("#practitioner .badge.verified").First.GetAttributeAsync("title"), StringComparison.Ordinal);
        Assert.Empty(errors);
    }

    [Fact]
    public async Task The_page_explains_dry_needling_and_who_should_not_have_it()
    {
        var (page, errors) = await _browser.NewPageAsync();
        await page.GotoAsync("/");
        await page.Locator("summary", new() { HasText = "Who should not have dry needling?" }).ClickAsync();
        foreach (var text in new[] { "pregnant", "blood thinners", "fear of needles", "infection", "under 12" })
            await Assertions.Expect(page.Locator(".about")).ToContainTextAsync(text);
        // Every form control has a label.
        var unlabeled = await page.EvaluateAsync<int>("() => [...document.querySelectorAll('input, select')].filter(i => !i.labels || i.labels.length === 0).length");
        Assert.Equal(0, unlabeled);
        Assert.Empty(errors);
    }

    [GeneratedRegex("^[0-9]+")]
    private static partial Regex LeadingNumber();
}
