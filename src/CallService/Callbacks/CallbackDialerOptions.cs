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

    /// <summary>Unreadable values and unknown keys of the section, reported by the validator.</summary>
    internal List<string> BindingFailures { get; } = [];

    /// <summary>Reads the section by hand (<see cref="Hosting.SectionReader"/>), so a bad value is a line of the start-up check, not an exception.</summary>
    internal static void Bind(Microsoft.Extensions.Configuration.IConfiguration configuration, CallbackDialerOptions options)
    {
        var reader = new Hosting.SectionReader(configuration.GetSection(Section));
        options.OutboundProxy = reader.OptionalString(nameof(OutboundProxy)) ?? options.OutboundProxy;
        options.RingSeconds = reader.Int(nameof(RingSeconds), options.RingSeconds, $"seconds, {MinRingSeconds}..{MaxRingSeconds}");
        reader.RejectUnknownKeys();
        options.BindingFailures.AddRange(reader.Failures);
    }
}
