namespace CallService.Agents;

/// <summary>
/// One agent as configured (an element of the "Agents" array). The password is never stored:
/// only its digest HA1 for the realm (Sip:Realm), as printed by "hash-password --user SipUser --realm R".
/// Checked at start by <see cref="AgentsOptionsValidator"/>; code uses the typed <see cref="Agent"/>.
/// </summary>
public sealed class AgentOptions
{
    /// <summary>The agent's identifier in the API and records (letters, digits, "-", "_", "."); not "auto", which names the service itself.</summary>
    public string Id { get; set; } = "";

    /// <summary>The name the agent says in the greeting script (the "XXX" of "您好,海逸长洲! XXX 为您服务").</summary>
    public string DisplayName { get; set; } = "";

    /// <summary>The SIP user the agent's softphone registers as (e.g. "8001"); also the digest username.</summary>
    public string SipUser { get; set; } = "";

    /// <summary>H(SipUser:realm:password) with MD5, 32 hex digits; needed by phones that know only MD5.</summary>
    public string? Ha1Md5 { get; set; }

    /// <summary>H(SipUser:realm:password) with SHA-256, 64 hex digits (RFC 7616).</summary>
    public string? Ha1Sha256 { get; set; }

    /// <summary>
    /// Optional: the realm the HA1 values were computed for, as hash-password prints it. When set it
    /// must equal Sip:Realm, which catches values hashed for another realm.
    /// </summary>
    public string? Realm { get; set; }

    /// <summary>"front-desk", "bar" or "showroom": where the agent sits.</summary>
    public string Desk { get; set; } = "";

    /// <summary>The sales line numbers (Lines:n:Number) the agent answers.</summary>
    public List<string> Lines { get; set; } = [];

    /// <summary>Seconds of wrap-up after each call before the agent is offered calls again (0..600). Default 15.</summary>
    public int WrapUpSeconds { get; set; } = 15;
}
