namespace CallService.Calls;

/// <summary>
/// Where one call stands (DESIGN.md "Layers": Ringing -> Connected/AutoAnswered -> Held ->
/// CallbackOffered -> Ended).
/// </summary>
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

    /// <summary>
    /// The connected agent put the caller on hold (for a lookup): the caller hears hold audio, the agent
    /// hears nothing of the caller, and the lookup timer runs toward the callback offer.
    /// </summary>
    Held,

    /// <summary>
    /// Still on hold, and the caller hears the callback offer ("按1 回电, 按2 继续等待") and may answer it
    /// with a digit; after "1" the caller hears the confirmation here before both legs end.
    /// </summary>
    CallbackOffered,

    /// <summary>Over; the record is final.</summary>
    Ended,
}
