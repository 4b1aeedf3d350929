namespace CallService.Callbacks;

/// <summary>
/// Places the call for a click-to-call attempt (implemented by the SIP engine: e.g. ring the agent's
/// softphone, then call the customer from the line and bridge them).
/// </summary>
public interface ICallbackDialer
{
    /// <summary>
    /// Starts calling <paramref name="callback"/>'s caller back; the request is already "calling" with the
    /// attempt counted. Returns as soon as the attempt is under way (<see cref="CallbackDialResult.Started"/>)
    /// or could not begin (<see cref="CallbackDialResult.Refused"/>: the endpoint then marks it failed);
    /// it does not wait for anyone to answer. When a started attempt ends, the dialer reports it with
    /// <see cref="ICallbackStore.ChangeStatusAsync"/>: done (talked), pending (no answer or busy: try
    /// later) or failed (the number cannot be reached), with a short result text.
    /// </summary>
    /// <param name="callback">The request, as stored after the attempt began.</param>
    /// <param name="agentId">The agent who places the call: the one the desk chose, else the request's own agent; null leaves it to the dialer.</param>
    Task<CallbackDialResult> DialAsync(CallbackRequest callback, string? agentId, CancellationToken cancellationToken);
}
