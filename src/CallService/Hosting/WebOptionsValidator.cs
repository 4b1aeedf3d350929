using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;

namespace CallService.Hosting;

/// <summary>Checks the "Web" section at start: each URL one Kestrel can listen on.</summary>
public sealed class WebOptionsValidator : IValidateOptions<WebOptions>
{
    private const string Key = WebOptions.SectionName + ":Urls";

    /// <inheritdoc />
    public ValidateOptionsResult Validate(string? name, WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        List<string> failures = Check(options);
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }

    /// <summary>All failures, one line each; empty when the section is valid.</summary>
    public static List<string> Check(WebOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);
        IReadOnlyList<string> urls = options.UrlList;
        if (urls.Count == 0)
        {
            failures.Add($"{Key} is missing: the URLs the web front listens on, e.g. \"{WebOptions.DefaultUrls}\"");
            return failures;
        }
        foreach (string url in urls)
        {
            string? problem = Problem(url);
            if (problem is not null)
            {
                failures.Add($"{Key} = \"{options.Urls}\": \"{url}\" {problem}");
            }
        }
        return failures;
    }

    private static string? Problem(string url)
    {
        BindingAddress address;
        try
        {
            // The parser Kestrel itself uses, so what passes here binds the same way.
            address = BindingAddress.Parse(url);
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            return "is not a URL to listen on: write scheme://address:port, e.g. http://0.0.0.0:8080";
        }
        if (!address.Scheme.Equals("http", StringComparison.OrdinalIgnoreCase)
            && !address.Scheme.Equals("https", StringComparison.OrdinalIgnoreCase))
        {
            return "must start with http:// or https://";
        }
        if (address.IsNamedPipe || address.IsUnixPipe)
        {
            return null;
        }
        if (string.IsNullOrEmpty(address.Host))
        {
            return "names no address: write e.g. http://0.0.0.0:8080";
        }
        if (address.Port is < 0 or > 65535)
        {
            return "has a port outside 0..65535";
        }
        if (address.PathBase.Length > 0)
        {
            return "has a path: Kestrel listens on scheme://address:port only";
        }
        return null;
    }
}
