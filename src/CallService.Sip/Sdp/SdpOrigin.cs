namespace CallService.Sip.Sdp;

/// <summary>
/// The o= line (RFC 4566 5.2): "o=&lt;username&gt; &lt;sess-id&gt; &lt;sess-version&gt; IN &lt;addrtype&gt;
/// &lt;unicast-address&gt;". RFC 3264 8: the session id stays for the whole session and the version
/// increments by one each time the author's SDP changes.
/// </summary>
/// <param name="Username">The user's login, "-" when there is none.</param>
/// <param name="SessionId">The numeric session id.</param>
/// <param name="SessionVersion">The numeric version of this session description.</param>
/// <param name="AddressType">IP4 or IP6.</param>
/// <param name="Address">The originating host's address or name, as written.</param>
public sealed record SdpOrigin(string Username, ulong SessionId, ulong SessionVersion, SdpAddressType AddressType, string Address);
