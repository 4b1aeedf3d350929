using System.Globalization;
using Microsoft.Extensions.Configuration;

namespace CallService.Hosting;

/// <summary>
/// Reads one configuration section by hand instead of with the binder, so that a value that is not a
/// number, or a key nobody reads (a typo such as "Sip:Prot"), becomes one failure line naming the key
/// rather than an exception or silence. The validators report <see cref="Failures"/> first.
/// </summary>
internal sealed class SectionReader(IConfigurationSection section)
{
    private readonly HashSet<string> _known = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<string> _knownInOrder = [];

    /// <summary>One line per unreadable value or unknown key, with the full configuration path.</summary>
    public List<string> Failures { get; } = [];

    /// <summary>The value of <paramref name="key"/> as configured (empty stays empty), or <paramref name="fallback"/> when absent.</summary>
    public string String(string key, string fallback) => Raw(key) ?? fallback;

    /// <summary>The value of <paramref name="key"/> as configured, or null when absent.</summary>
    public string? OptionalString(string key) => Raw(key);

    /// <summary>The whole number at <paramref name="key"/>, or <paramref name="fallback"/> when absent or unreadable (then a failure names it).</summary>
    public int Int(string key, int fallback, string expected)
    {
        string? value = Raw(key);
        if (value is null)
        {
            return fallback;
        }
        if (int.TryParse(value.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int number))
        {
            return number;
        }
        Failures.Add($"{section.Path}:{key} = \"{value}\": must be a whole number, {expected}");
        return fallback;
    }

    /// <summary>true or false (any case) at <paramref name="key"/>, or <paramref name="fallback"/> when absent or unreadable (then a failure names it).</summary>
    public bool Bool(string key, bool fallback)
    {
        string? value = Raw(key);
        if (value is null)
        {
            return fallback;
        }
        if (bool.TryParse(value.Trim(), out bool flag))
        {
            return flag;
        }
        Failures.Add($"{section.Path}:{key} = \"{value}\": must be true or false");
        return fallback;
    }

    /// <summary>Adds a failure for every key of the section that no read above asked for.</summary>
    public void RejectUnknownKeys()
    {
        foreach (IConfigurationSection child in section.GetChildren())
        {
            if (!_known.Contains(child.Key))
            {
                Failures.Add($"{child.Path} is not a known setting: the {section.Path} section has "
                    + string.Join(", ", _knownInOrder) + " (see docs/configuration.md)");
            }
        }
    }

    private string? Raw(string key)
    {
        if (_known.Add(key))
        {
            _knownInOrder.Add(key);
        }
        IConfigurationSection child = section.GetSection(key);
        return child.Value;
    }
}
