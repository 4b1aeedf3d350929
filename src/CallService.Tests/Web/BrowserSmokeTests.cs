using CallService.Tests.Support;
using Microsoft.Playwright;

namespace CallService.Tests.Web;

/// <summary>The browser the desk tests drive starts here and renders a page (with its Chinese text).</summary>
public sealed class BrowserSmokeTests
{
    [Fact]
    public async Task Chromium_renders_a_page_and_runs_its_script()
    {
        await using Browser browser = await Browser.LaunchAsync();
        IPage page = await browser.Chromium.NewPageAsync();
        await page.SetContentAsync("<p id=t></p><script>document.getElementById('t').textContent = '您好,' + (1 + 1);</script>");
        Assert.Equal("您好,2", await page.Locator("#t").TextContentAsync());
    }
}
