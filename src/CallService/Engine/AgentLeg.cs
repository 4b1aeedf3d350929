using CallService.Sip.Dialogs;
using CallService.Sip.Media;

namespace CallService.Engine;

/// <summary>One INVITE to one agent softphone, with the media leg anchored in the service for it.</summary>
internal sealed class AgentLeg(AgentTarget agent, AgentContact contact, MediaLeg media, OutgoingCall call)
{
    public AgentTarget Agent { get; } = agent;

    public AgentContact Contact { get; } = contact;

    public MediaLeg Media { get; } = media;

    public OutgoingCall Call { get; } = call;

    public SipDialog? Dialog { get; set; }

    /// <summary>Our SDP offer to the agent (the base of answers to the agent's re-INVITEs: hold, resume).</summary>
    public Sip.Sdp.SessionDescription? LocalSdp { get; set; }

    public bool Answered => Dialog is not null;
}
