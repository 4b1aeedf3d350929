namespace CallService.Sip.Sdp;

/// <summary>Hold as the remote's SDP expresses it (RFC 3264 8.4).</summary>
public static class SdpHold
{
    /// <summary>
    /// True when the remote will not receive on this stream, i.e. it holds the call: a=sendonly,
    /// a=inactive (media level, else session level), or the RFC 2543 connection address 0.0.0.0.
    /// A rejected stream (port 0) is not on hold, it is gone.
    /// </summary>
    public static bool IsHold(SessionDescription remote, MediaDescription media)
    {
        ArgumentNullException.ThrowIfNull(remote);
        ArgumentNullException.ThrowIfNull(media);
        if (media.IsRejected)
        {
            return false;
        }

        return remote.GetConnection(media) is { IsUnspecified: true } || !remote.GetDirection(media).CanReceive();
    }

    /// <summary><see cref="IsHold(SessionDescription, MediaDescription)"/> for the first active audio stream; false when there is none.</summary>
    public static bool IsHold(SessionDescription remote)
    {
        ArgumentNullException.ThrowIfNull(remote);
        var index = SdpAudioSelection.FindActiveAudio(remote);
        return index >= 0 && IsHold(remote, remote.Media[index]);
    }
}
