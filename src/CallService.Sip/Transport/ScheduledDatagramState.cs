namespace CallService.Sip.Transport;

/// <summary>Where a <see cref="ScheduledDatagram"/> is.</summary>
internal enum ScheduledDatagramState
{
    /// <summary>Waiting for the sender's thread to hand it to the kernel.</summary>
    Queued,

    /// <summary>The kernel holds it until its instant.</summary>
    Submitted,

    /// <summary>On the wire.</summary>
    Sent,

    /// <summary>Withdrawn before it left.</summary>
    Cancelled,

    /// <summary>The kernel could not send it.</summary>
    Failed,
}
