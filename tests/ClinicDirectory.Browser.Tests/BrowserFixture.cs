using Microsoft.Playwright;

namespace ClinicDirectory.Browser.Tests;

/// <summary>The real service in its own process and Debian's Chromium driven by Playwright.</summary>
public sealed class BrowserFixture : IAsyncLifetime
{
    private readonly string _dataPath = Path.Combine(Path.GetTempPath(), "clinicdirectory-browser", Guid.NewGuid().ToString("N"));
    private IPlaywright? _playwright;

    public ServiceProcess Service { get; private set; } = null!;

    public IBrowser Browser { get; private set; } = null!;

    public static string ScreenshotFolder =>
        Directory.CreateDirectory(Path.Combine(RepositoryFolder.Root().FullName, "artifacts", "screenshots")).FullName;

    public async Task InitializeAsync()
    {
        Service = ServiceProcess.Start(_dataPath);
        await Service.WaitReadyAsync();
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = "/usr/bin/chromium",
            Headless = true,
            // The machine has no network beyond the package registries: Chromium's own background traffic is turned off.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>
    /// A fresh page at the given size on the fixture's service (or the one given), recording console errors other
    /// than unreachable map tiles.
    /// </summary>
    public async Task<(IPage Page, List<string> Errors)> NewPageAsync(int width = 1280, int height = 900, Geolocation? location = null, ServiceProcess? service = null)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            Geolocation = location,
            Permissions = location is null ? null : ["geolocation"],
            ViewportSize = new ViewportSize { Width = width, Height = height },
            BaseURL = (service ?? Service).Address.ToString(),
            HasTouch = width < 600,
            IsMobile = width < 600,
        });
        var page = await context.NewPageAsync();
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type != "error") return;
            // Map tiles come from OpenStreetMap's servers, which this test machine cannot reach.
            if (message.Location.Contains("tile.openstreetmap.org", StringComparison.Ordinal)) return;
            errors.Add($"{message.Text} ({message.Location})");
        };
        page.PageError += (_, error) => errors.Add("page error: " + error);
        return (page, errors);
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.CloseAsync();
        _playwright?.Dispose();
        Service?.Dispose();
        try { Directory.Delete(_dataPath, recursive: true); } catch (IOException) { }
    }
}
