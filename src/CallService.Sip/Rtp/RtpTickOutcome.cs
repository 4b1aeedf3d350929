namespace CallService.Sip.Rtp;

/// <summary>What one pacer tick did for one stream.</summary>
internal enum RtpTickOutcome
{
    /// <summary>An audio or telephone-event packet was sent.</summary>
    Sent,

    /// <summary>No packet this tick (no source, silence, no remote yet); the timestamp still advanced.</summary>
    Silent,

    /// <summary>The stream was closed; the pacer drops it.</summary>
    Closed,
}
