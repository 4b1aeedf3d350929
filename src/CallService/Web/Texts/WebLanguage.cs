using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace CallService.Web.Texts;

/// <summary>The languages of the pages, and how a request picks one (Web:Language, else Accept-Language).</summary>
public static class WebLanguage
{
    /// <summary>Simplified Chinese, the default.</summary>
    public const string Chinese = "zh-CN";

    /// <summary>English.</summary>
    public const string English = "en";

    /// <summary>Web:Language = auto: the browser's Accept-Language decides.</summary>
    public const string Auto = "auto";

    /// <summary>The values Web:Language accepts.</summary>
    public static IReadOnlyList<string> Settings { get; } = [Auto, Chinese, English];

    /// <summary>The setting as spelled here, or null when unknown (compared ignoring case).</summary>
    public static string? NormalizeSetting(string? setting) =>
        Settings.FirstOrDefault(s => string.Equals(s, setting?.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// The language of a response: the configured one, or with "auto" the first of zh / en in the
    /// request's Accept-Language by quality, and zh-CN when it names neither.
    /// </summary>
    public static string Resolve(string? setting, HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        string normalized = NormalizeSetting(setting) ?? Auto;
        if (normalized != Auto)
        {
            return normalized;
        }
        if (!StringWithQualityHeaderValue.TryParseList(request.Headers.AcceptLanguage, out IList<StringWithQualityHeaderValue>? accepted))
        {
            return Chinese;
        }
        foreach (StringWithQualityHeaderValue language in accepted.OrderByDescending(a => a.Quality ?? 1.0))
        {
            string tag = language.Value.Value ?? "";
            if (language.Quality is 0)
            {
                continue;
            }
            if (tag.StartsWith("zh", StringComparison.OrdinalIgnoreCase))
            {
                return Chinese;
            }
            if (tag.StartsWith("en", StringComparison.OrdinalIgnoreCase))
            {
                return English;
            }
        }
        return Chinese;
    }
}
