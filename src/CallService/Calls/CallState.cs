namespace CallService.Calls;

/// <summary>Where one call stands (DESIGN.md "Layers": Ringing -> Connected/AutoAnswered -> Ended).</summary>
/// <remarks>Held and CallbackOffered arrive with the hold and callback work (issue 5).</remarks>
public enum CallState
{
    /// <summary>The INVITE has arrived; no ringback yet, so no ring is counted.</summary>
    Offered,

    /// <summary>Ringback started (first ringback packet, or the 180 without SDP): rings are counted.</summary>
    Ringing,

    /// <summary>An agent talks with the caller (answered while ringing, or taken from the queue).</summary>
    Connected,

    /// <summary>The service answered: greeting, then hold audio while the caller waits for an agent.</summary>
    AutoAnswered,

    /// <summary>Over; the record is final.</summary>
    Ended,
}
