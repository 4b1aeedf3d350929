namespace CallService.Sip.Sdp;

/// <summary>Direction algebra used by offer/answer (RFC 3264 6.1) and hold (RFC 3264 8.4).</summary>
public static class SdpDirectionExtensions
{
    /// <summary>True when the author of the SDP sends media in this direction.</summary>
    public static bool CanSend(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.SendOnly;

    /// <summary>True when the author of the SDP wants to receive media in this direction.</summary>
    public static bool CanReceive(this SdpDirection direction) =>
        direction is SdpDirection.SendRecv or SdpDirection.RecvOnly;

    /// <summary>Builds a direction from its two halves.</summary>
    public static SdpDirection FromFlags(bool send, bool receive) => (send, receive) switch
    {
        (true, true) => SdpDirection.SendRecv,
        (true, false) => SdpDirection.SendOnly,
        (false, true) => SdpDirection.RecvOnly,
        _ => SdpDirection.Inactive,
    };

    /// <summary>
    /// The same stream seen from the other side: RFC 3264 6.1 answers sendonly with recvonly and
    /// recvonly with sendonly; sendrecv and inactive are their own mirror.
    /// </summary>
    public static SdpDirection Reverse(this SdpDirection direction) =>
        FromFlags(send: direction.CanReceive(), receive: direction.CanSend());

    /// <summary>
    /// What both constraints allow: a half survives only when both permit it (RFC 3264 6.1: the answerer
    /// may narrow, never widen, the direction the offer allows).
    /// </summary>
    public static SdpDirection Intersect(this SdpDirection direction, SdpDirection other) =>
        FromFlags(direction.CanSend() && other.CanSend(), direction.CanReceive() && other.CanReceive());

    /// <summary>
    /// Drops the receive half. RFC 3264 8.4: a connection address of 0.0.0.0 (RFC 2543 hold) means the
    /// author does not want to receive, whatever the direction attribute says.
    /// </summary>
    public static SdpDirection WithoutReceive(this SdpDirection direction) =>
        FromFlags(direction.CanSend(), receive: false);

    /// <summary>The attribute name as written in SDP ("sendrecv", "sendonly", "recvonly", "inactive").</summary>
    public static string ToAttributeName(this SdpDirection direction) => direction switch
    {
        SdpDirection.SendRecv => "sendrecv",
        SdpDirection.SendOnly => "sendonly",
        SdpDirection.RecvOnly => "recvonly",
        SdpDirection.Inactive => "inactive",
        _ => throw new ArgumentOutOfRangeException(nameof(direction), direction, "Unknown SDP direction."),
    };

    /// <summary>Recognises a direction attribute name (RFC 4566 6, case-sensitive as the grammar is).</summary>
    public static bool TryParseAttributeName(ReadOnlySpan<char> name, out SdpDirection direction)
    {
        switch (name)
        {
            case "sendrecv": direction = SdpDirection.SendRecv; return true;
            case "sendonly": direction = SdpDirection.SendOnly; return true;
            case "recvonly": direction = SdpDirection.RecvOnly; return true;
            case "inactive": direction = SdpDirection.Inactive; return true;
            default: direction = SdpDirection.SendRecv; return false;
        }
    }
}
