namespace CallService.Sip.Rtp;

/// <summary>
/// Pulls one encoded 20 ms payload for the pacer, like <see cref="Media.IMediaSource.ReadFrame"/>
/// (e.g. audio bridged from another leg). Returns the payload length; 0 sends nothing this tick.
/// Runs on the pacer thread: it must not block.
/// </summary>
public delegate int RtpFrameReader(Span<byte> payload);
