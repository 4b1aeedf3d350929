namespace CallService.Lines;

/// <summary>
/// A line that registers itself at an existing PBX or registrar (for example Kamailio), so calls to the
/// line reach CallService through it. Configured as <c>Lines:N:Registration</c>; absent = no registration.
/// </summary>
public sealed class LineRegistrationOptions
{
    /// <summary>The registrar's URI, e.g. <c>sip:pbx.example.com:5060</c> (REGISTER goes there).</summary>
    public string Registrar { get; set; } = "";

    /// <summary>The domain of the line's address of record, e.g. <c>callservice</c> for sip:sales@callservice;
    /// default: the registrar's host.</summary>
    public string? Domain { get; set; }

    /// <summary>Digest user name; default: the line number.</summary>
    public string? Username { get; set; }

    /// <summary>Digest credentials as MD5 HA1 (what `hash-password` prints), so no password is stored.</summary>
    public string? Ha1Md5 { get; set; }

    /// <summary>Requested registration lifetime in seconds (refreshed at 80% of what is granted).</summary>
    public int ExpiresSeconds { get; set; } = 3600;
}
