using System.Net;
using CallService.Sip.Dialogs;
using CallService.Sip.Media;
using CallService.Sip.Messages;
using CallService.Sip.Sdp;
using CallService.Sip.Transactions;

namespace CallService.Engine;

/// <summary>
/// Answers a re-INVITE or UPDATE that a softphone sends on one of our media legs (RFC 3264 8): the same
/// codec and our port, sendonly answered recvonly (8.4), and says whether the peer now holds.
/// </summary>
internal static class MediaReInvite
{
    /// <param name="localSdp">What we last sent on this leg (the new version goes from there, RFC 3264 8).</param>
    /// <param name="answered">The SDP answer sent, to keep as the leg's latest; null when none was made.</param>
    /// <returns>
    /// True when the new offer holds (sendonly, inactive or c=0.0.0.0), false when it resumes; null when
    /// there was nothing to decide: a request without SDP (answered with our last SDP, or 200) or an
    /// offer we refused (488).
    /// </returns>
    public static bool? Answer(SipDialog dialog, ServerTransaction tx, MediaLeg media, IPAddress advertised,
        SessionDescription? localSdp, out SessionDescription? answered)
    {
        ArgumentNullException.ThrowIfNull(dialog);
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(media);
        answered = null;
        var request = tx.Request;
        if (request.Method is not (SipMethod.Invite or SipMethod.Update) || request.Body.IsEmpty)
        {
            if (request.Method == SipMethod.Invite)
            {
                dialog.AcceptReInvite(tx, localSdp is null ? default : SdpWriter.WriteUtf8(localSdp));
            }
            else
            {
                tx.Respond(200, toTag: dialog.LocalParty.Tag);
            }
            return null;
        }
        var parsed = SdpParser.Parse(request.Body.Span);
        if (!parsed.IsSuccess || localSdp is null)
        {
            dialog.RejectReInvite(tx, 488);
            return null;
        }
        var local = new SdpLocalMedia
        {
            Address = advertised,
            RtpPort = media.LocalPort,
            Codecs = [media.Codec],
        };
        if (SdpOfferAnswer.CreateAnswer(parsed.Description!, local, localSdp) is not SdpAnswerResult.Accepted accepted)
        {
            dialog.RejectReInvite(tx, 488);
            return null;
        }
        answered = accepted.Answer;
        dialog.AcceptReInvite(tx, SdpWriter.WriteUtf8(accepted.Answer));
        return SdpHold.IsHold(parsed.Description!);
    }
}
