namespace CallService.Sip.Sdp;

/// <summary>What <see cref="SdpOfferAnswer.CreateAnswer(SessionDescription, SdpLocalMedia, ulong, ulong)"/> decided about an offer.</summary>
public abstract record SdpAnswerResult
{
    private SdpAnswerResult()
    {
    }

    /// <summary>The offer is acceptable: send <paramref name="Answer"/> and run <paramref name="Media"/>.</summary>
    /// <param name="Answer">Our answer, one m= line per offered one in the same order (RFC 3264 6).</param>
    /// <param name="Media">The negotiated audio stream.</param>
    public sealed record Accepted(SessionDescription Answer, SdpNegotiatedMedia Media) : SdpAnswerResult;

    /// <summary>No audio we can run: reply 488 Not Acceptable Here (RFC 3261 13.3.1.4).</summary>
    /// <param name="Reason">Why.</param>
    /// <param name="Detail">A short explanation for logs (and a Warning header, RFC 3261 20.43).</param>
    public sealed record NotAcceptable(SdpRejectReason Reason, string Detail) : SdpAnswerResult
    {
        /// <summary>The SIP status code to reply with: 488 Not Acceptable Here.</summary>
        public const int SipStatusCode = 488;
    }
}
