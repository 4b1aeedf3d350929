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

    /// <summary>Maps a method token given as ASCII octets (the start line) to its enum value.</summary>
    internal static SipMethod Parse(ReadOnlySpan<byte> token) => token.Length switch
    {
        3 when token.SequenceEqual("ACK"u8) => SipMethod.Ack,
        3 when token.SequenceEqual("BYE"u8) => SipMethod.Bye,
        4 when token.SequenceEqual("INFO"u8) => SipMethod.Info,
        5 when token.SequenceEqual("PRACK"u8) => SipMethod.Prack,
        5 when token.SequenceEqual("REFER"u8) => SipMethod.Refer,
        6 when token.SequenceEqual("INVITE"u8) => SipMethod.Invite,
        6 when token.SequenceEqual("CANCEL"u8) => SipMethod.Cancel,
        6 when token.SequenceEqual("UPDATE"u8) => SipMethod.Update,
        6 when token.SequenceEqual("NOTIFY"u8) => SipMethod.Notify,
        7 when token.SequenceEqual("OPTIONS"u8) => SipMethod.Options,
        7 when token.SequenceEqual("MESSAGE"u8) => SipMethod.Message,
        7 when token.SequenceEqual("PUBLISH"u8) => SipMethod.Publish,
        8 when token.SequenceEqual("REGISTER"u8) => SipMethod.Register,
        9 when token.SequenceEqual("SUBSCRIBE"u8) => SipMethod.Subscribe,
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
