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

    public bool Answered => Dialog is not null;
}
