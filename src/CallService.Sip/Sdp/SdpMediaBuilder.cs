namespace CallService.Sip.Sdp;

/// <summary>Collects the lines of one media section while <see cref="SdpParser"/> reads them.</summary>
internal sealed class SdpMediaBuilder
{
    private readonly string _media;
    private readonly int _port;
    private readonly int? _portCount;
    private readonly string _protocol;
    private readonly List<string> _formats;
    private readonly List<SdpBandwidth> _bandwidths = [];
    private readonly List<SdpRtpMap> _rtpMaps = [];
    private readonly List<SdpFmtp> _fmtps = [];
    private readonly List<SdpAttribute> _others = [];
    private int? _ptime;
    private int? _maxPtime;
    private SdpDirection? _direction;
    private SdpRtcp? _rtcp;

    public SdpMediaBuilder(string media, int port, int? portCount, string protocol, List<string> formats)
    {
        _media = media;
        _port = port;
        _portCount = portCount;
        _protocol = protocol;
        _formats = formats;
    }

    public int Port => _port;

    public string? Information { get; set; }

    public SdpConnection? Connection { get; set; }

    public string? EncryptionKey { get; set; }

    public void AddBandwidth(SdpBandwidth bandwidth) => _bandwidths.Add(bandwidth);

    /// <summary>
    /// Types the attributes this library understands. A second occurrence of a single-valued attribute
    /// (or a second rtpmap/fmtp for the same payload type) is kept as an unknown attribute, not lost.
    /// </summary>
    public void AddAttribute(string name, string? value)
    {
        switch (name)
        {
            case "rtpmap" when value is not null
                && SdpAttributeParser.TryParseRtpMap(value, out var rtpMap)
                && !_rtpMaps.Exists(m => m.PayloadType == rtpMap!.PayloadType):
                _rtpMaps.Add(rtpMap!);
                return;
            case "fmtp" when value is not null
                && SdpAttributeParser.TryParseFmtp(value, out var fmtp)
                && !_fmtps.Exists(f => f.PayloadType == fmtp!.PayloadType):
                _fmtps.Add(fmtp!);
                return;
            case "ptime" when _ptime is null && SdpAttributeParser.TryParseMilliseconds(value, out var ptime):
                _ptime = ptime;
                return;
            case "maxptime" when _maxPtime is null && SdpAttributeParser.TryParseMilliseconds(value, out var maxPtime):
                _maxPtime = maxPtime;
                return;
            case "rtcp" when _rtcp is null && value is not null && SdpAttributeParser.TryParseRtcp(value, out var rtcp):
                _rtcp = rtcp;
                return;
        }

        if (value is null && _direction is null && SdpDirectionExtensions.TryParseAttributeName(name, out var direction))
        {
            _direction = direction;
            return;
        }

        _others.Add(new SdpAttribute(name, value));
    }

    public MediaDescription Build() => new()
    {
        Media = _media,
        Port = _port,
        PortCount = _portCount,
        Protocol = _protocol,
        Formats = _formats,
        Information = Information,
        Connection = Connection,
        Bandwidths = _bandwidths,
        EncryptionKey = EncryptionKey,
        RtpMaps = _rtpMaps,
        Fmtps = _fmtps,
        Ptime = _ptime,
        MaxPtime = _maxPtime,
        Direction = _direction,
        Rtcp = _rtcp,
        OtherAttributes = _others,
    };
}
