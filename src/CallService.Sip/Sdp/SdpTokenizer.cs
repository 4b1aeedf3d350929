namespace CallService.Sip.Sdp;

/// <summary>
/// Walks the space-separated fields of an SDP line value (RFC 4566 5: fields are separated by a single
/// space; runs of spaces and trailing spaces are tolerated).
/// </summary>
internal ref struct SdpTokenizer
{
    private ReadOnlySpan<char> _rest;

    public SdpTokenizer(ReadOnlySpan<char> value) => _rest = value;

    /// <summary>What is left after the tokens taken so far, without leading spaces.</summary>
    public readonly ReadOnlySpan<char> Rest => _rest.TrimStart(' ');

    /// <summary>True when no token is left.</summary>
    public readonly bool IsEnd => Rest.IsEmpty;

    public bool TryNext(out ReadOnlySpan<char> token)
    {
        _rest = _rest.TrimStart(' ');
        if (_rest.IsEmpty)
        {
            token = default;
            return false;
        }

        var end = _rest.IndexOf(' ');
        if (end < 0)
        {
            token = _rest;
            _rest = default;
        }
        else
        {
            token = _rest[..end];
            _rest = _rest[end..];
        }

        return true;
    }
}
