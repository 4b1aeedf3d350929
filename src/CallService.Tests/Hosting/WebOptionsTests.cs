using CallService.Hosting;

namespace CallService.Tests.Hosting;

/// <summary>The "Web" section: URLs Kestrel can listen on.</summary>
public sealed class WebOptionsTests
{
    [Fact]
    public void The_default_listens_on_every_IPv4_interface_port_8080()
    {
        using var root = new HostTempDirectory();

        WebOptions web = HostOptionsHarness.Options<WebOptions>(root);

        Assert.Equal(["http://0.0.0.0:8080"], web.UrlList);
    }

    [Theory]
    [InlineData("http://127.0.0.1:0")]
    [InlineData("http://*:8080; https://[::]:8443")]
    [InlineData("http://localhost:5000")]
    [InlineData("http://unix:/run/callservice.sock")]
    public void Kestrel_urls_are_accepted(string urls)
    {
        using var root = new HostTempDirectory();

        Assert.Empty(HostOptionsHarness.Failures(root, ("Web:Urls", urls)));
    }

    [Theory]
    [InlineData("ftp://0.0.0.0:21", "Web:Urls = \"ftp://0.0.0.0:21\": \"ftp://0.0.0.0:21\" must start with http:// or https://")]
    [InlineData("0.0.0.0:8080", "Web:Urls = \"0.0.0.0:8080\": \"0.0.0.0:8080\" is not a URL to listen on: write scheme://address:port, e.g. http://0.0.0.0:8080")]
    [InlineData("http://0.0.0.0:8080/desk", "Web:Urls = \"http://0.0.0.0:8080/desk\": \"http://0.0.0.0:8080/desk\" has a path: Kestrel listens on scheme://address:port only")]
    [InlineData(" ; ", "Web:Urls is missing: the URLs the web front listens on, e.g. \"http://0.0.0.0:8080\"")]
    public void A_bad_url_is_one_line_naming_Web_Urls(string urls, string expected)
    {
        using var root = new HostTempDirectory();

        Assert.Equal([expected], HostOptionsHarness.Failures(root, ("Web:Urls", urls)));
    }

    [Fact]
    public void Each_bad_url_of_a_list_is_its_own_line()
    {
        using var root = new HostTempDirectory();

        IReadOnlyList<string> failures = HostOptionsHarness.Failures(root, ("Web:Urls", "ftp://a:1;http://0.0.0.0:8080;gopher://b:2"));

        Assert.Equal(2, failures.Count);
        Assert.Contains("\"ftp://a:1\" must start", failures[0], StringComparison.Ordinal);
        Assert.Contains("\"gopher://b:2\" must start", failures[1], StringComparison.Ordinal);
    }
}
