namespace CallService.Sip.Messages;

/// <summary>Conversions between method tokens and <see cref="SipMethod"/>.</summary>
public static class SipMethods
{
    /// <summary>
    /// Maps a method token to its enum value. RFC 3261 7.1: the method name is case-sensitive,
    /// so "invite" is an unknown extension method, not INVITE.
    /// </summary>
    public static SipMethod Parse(ReadOnlySpan<char> token) => token switch
    {
        "INVITE" => SipMethod.Invite,
        "ACK" => SipMethod.Ack,
        "BYE" => SipMethod.Bye,
        "CANCEL" => SipMethod.Cancel,
        "OPTIONS" => SipMethod.Options,
        "REGISTER" => SipMethod.Register,
        "INFO" => SipMethod.Info,
        "UPDATE" => SipMethod.Update,
        "PRACK" => SipMethod.Prack,
        "SUBSCRIBE" => SipMethod.Subscribe,
        "NOTIFY" => SipMethod.Notify,
        "REFER" => SipMethod.Refer,
        "MESSAGE" => SipMethod.Message,
        "PUBLISH" => SipMethod.Publish,
        _ => SipMethod.Unknown,
    };

    /// <summary>The wire token of a known method; <see cref="SipMethod.Unknown"/> has no token.</summary>
    public static string ToToken(SipMethod method) => method switch
    {
        SipMethod.Invite => "INVITE",
        SipMethod.Ack => "ACK",
        SipMethod.Bye => "BYE",
        SipMethod.Cancel => "CANCEL",
        SipMethod.Options => "OPTIONS",
        SipMethod.Register => "REGISTER",
        SipMethod.Info => "INFO",
        SipMethod.Update => "UPDATE",
        SipMethod.Prack => "PRACK",
        SipMethod.Subscribe => "SUBSCRIBE",
        SipMethod.Notify => "NOTIFY",
        SipMethod.Refer => "REFER",
        SipMethod.Message => "MESSAGE",
        SipMethod.Publish => "PUBLISH",
        _ => throw new ArgumentOutOfRangeException(nameof(method), method, "An unknown method has no token of its own."),
    };
}
