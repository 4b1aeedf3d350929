namespace CallService.Sip.Messages;

/// <summary>
/// An immutable SIP or SIPS URI (RFC 3261 19.1). Other absolute URIs (tel:, mailto:, ...) are kept opaque:
/// only <see cref="Scheme"/> is known and <see cref="ToString"/> returns the text as received.
/// User, password, parameter and header values are held unescaped; <see cref="ToString"/> re-escapes them.
/// </summary>
public sealed class SipUri : IEquatable<SipUri>
{
    public string Scheme { get; } = "sip";

    public string? User { get; }

    public string? Password { get; }

    /// <summary>Host name or IP address; an IPv6 reference keeps its brackets ("[::1]").</summary>
    public string Host { get; } = "";

    public int? Port { get; }

    public IReadOnlyList<KeyValuePair<string, string?>> Parameters { get; } = [];

    public IReadOnlyList<KeyValuePair<string, string?>> Headers { get; } = [];

    public string? Transport => GetParameter("transport");

    public bool IsSips => throw new NotImplementedException();

    public bool IsSipOrSips => throw new NotImplementedException();

    public string? GetParameter(string name) => throw new NotImplementedException();

    public bool HasParameter(string name) => throw new NotImplementedException();

    public static bool TryParse(ReadOnlySpan<char> text, out SipUri? uri) => throw new NotImplementedException();

    public static SipUri Parse(string text) => throw new NotImplementedException();

    public SipUri WithUser(string? user) => throw new NotImplementedException();

    public SipUri WithHost(string host, int? port) => throw new NotImplementedException();

    public SipUri WithParameter(string name, string? value) => throw new NotImplementedException();

    public SipUri WithoutParameter(string name) => throw new NotImplementedException();

    /// <summary>URI equality per RFC 3261 19.1.4.</summary>
    public bool UriEquals(SipUri? other) => throw new NotImplementedException();

    public bool Equals(SipUri? other) => UriEquals(other);

    public override bool Equals(object? obj) => obj is SipUri other && UriEquals(other);

    public override int GetHashCode() => throw new NotImplementedException();

    public override string ToString() => throw new NotImplementedException();
}
