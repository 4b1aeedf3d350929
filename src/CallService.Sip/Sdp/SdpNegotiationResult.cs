namespace CallService.Sip.Sdp;

/// <summary>What <see cref="SdpOfferAnswer.ProcessAnswer"/> made of the answer to our offer.</summary>
public abstract record SdpNegotiationResult
{
    private SdpNegotiationResult()
    {
    }

    /// <summary>The answer is usable.</summary>
    /// <param name="Media">The negotiated audio stream.</param>
    public sealed record Negotiated(SdpNegotiatedMedia Media) : SdpNegotiationResult;

    /// <summary>The answer leaves no audio we can run; the call should end (BYE after the ACK).</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">A short explanation for logs.</param>
    public sealed record Failed(SdpRejectReason Reason, string Detail) : SdpNegotiationResult;
}
