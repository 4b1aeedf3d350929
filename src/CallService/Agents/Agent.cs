using CallService.Lines;

namespace CallService.Agents;

/// <summary>One agent, typed from <see cref="AgentOptions"/> after validation.</summary>
/// <param name="Id">The identifier in the API and records.</param>
/// <param name="DisplayName">The name in the greeting script.</param>
/// <param name="SipUser">The SIP user the softphone registers as.</param>
/// <param name="AddressOfRecord">The canonical address-of-record of <paramref name="SipUser"/> at our registrar.</param>
/// <param name="Desk">Where the agent sits.</param>
/// <param name="Lines">The line numbers the agent answers.</param>
/// <param name="WrapUp">Wrap-up time after each call.</param>
/// <param name="Ha1Md5">The MD5 HA1 (lower-case hex), or null.</param>
/// <param name="Ha1Sha256">The SHA-256 HA1 (lower-case hex), or null.</param>
public sealed record Agent(
    string Id,
    string DisplayName,
    string SipUser,
    string AddressOfRecord,
    LineDesk Desk,
    IReadOnlyList<string> Lines,
    TimeSpan WrapUp,
    string? Ha1Md5,
    string? Ha1Sha256)
{
    /// <summary>True when the agent answers line <paramref name="lineNumber"/> (compared ignoring case, like the line numbers themselves).</summary>
    public bool Answers(string lineNumber) => Lines.Contains(lineNumber, StringComparer.OrdinalIgnoreCase);

    /// <summary>Not part of the text form: the HA1 values stay out of logs.</summary>
    public override string ToString() => $"{Id} ({DisplayName}, {SipUser})";
}
