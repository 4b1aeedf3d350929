namespace CallService.Sip.Transport;

/// <summary>
/// One framing decision. For <see cref="TcpFrameKind.Message"/>, <see cref="TcpFrameKind.KeepAlivePing"/> and
/// <see cref="TcpFrameKind.KeepAlivePong"/>, <see cref="Length"/> is the number of bytes to consume. For
/// <see cref="TcpFrameKind.NeedMoreData"/> it is the whole frame length once the header block is known
/// (so the reader can size its buffer in one step), else 0.
/// </summary>
internal readonly record struct TcpFrame(TcpFrameKind Kind, int Length, TcpFramingError Error = TcpFramingError.None)
{
    public static TcpFrame NeedMore(int knownLength) => new(TcpFrameKind.NeedMoreData, knownLength);

    public static TcpFrame Invalid(TcpFramingError error) => new(TcpFrameKind.Invalid, 0, error);
}
