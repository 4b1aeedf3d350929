namespace CallService.Sip.Messages;

/// <summary>
/// The request methods the stack knows by name (RFC 3261 7.1, 3262, 3265/6665, 3311, 3428, 3515, 3903, 6086).
/// Any other method token is <see cref="Unknown"/>; its spelling lives in <c>MethodToken</c>.
/// </summary>
public enum SipMethod
{
    Unknown,
    Invite,
    Ack,
    Bye,
    Cancel,
    Options,
    Register,
    Info,
    Update,
    Prack,
    Subscribe,
    Notify,
    Refer,
    Message,
    Publish,
}
