namespace CallService.Callbacks;

/// <summary>
/// Click-to-call callbacks (the "Callbacks" section): where calls to customers go and how long each leg
/// may ring. Checked at start by <see cref="CallbackDialerOptionsValidator"/>.
/// </summary>
public sealed class CallbackDialerOptions
{
    public const string Section = "Callbacks";

    /// <summary>Bounds of <see cref="RingSeconds"/>.</summary>
    public const int MinRingSeconds = 5, MaxRingSeconds = 120;

    /// <summary>
    /// The SIP URI customers are called through (the PBX, trunk or proxy that reaches the public network),
    /// e.g. <c>sip:pbx.example.com:5060</c>: the INVITE goes to <c>sip:&lt;number&gt;@</c> its host and port.
    /// Empty: the line's <c>Registration:Registrar</c>; with neither, click-to-call refuses the attempt.
    /// </summary>
    public string? OutboundProxy { get; set; }

    /// <summary>How long the agent's softphone, then the customer, may ring before the attempt counts as no answer.</summary>
    public int RingSeconds { get; set; } = 30;
}
