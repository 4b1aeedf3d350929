namespace CallService.Sip.Sdp;

/// <summary>
/// The direction attribute of a media stream (RFC 4566 6; RFC 3264 5.1), always from the point of view
/// of the side that wrote the SDP: <see cref="SendOnly"/> in the remote's SDP means the remote sends and
/// will not receive.
/// </summary>
public enum SdpDirection
{
    /// <summary>a=sendrecv, also the default when no direction attribute is present (RFC 3264 5.1).</summary>
    SendRecv,

    /// <summary>a=sendonly.</summary>
    SendOnly,

    /// <summary>a=recvonly.</summary>
    RecvOnly,

    /// <summary>a=inactive.</summary>
    Inactive,
}
