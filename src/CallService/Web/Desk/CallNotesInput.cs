namespace CallService.Web.Desk;

/// <summary>The body of PUT /api/calls/{callId}/notes as sent (before <see cref="CallNotesValidator"/>).</summary>
public sealed class CallNotesInput
{
    public string? Surname { get; set; }

    /// <summary>"先生", "女士", "none" or empty.</summary>
    public string? Honorific { get; set; }

    public string? Request { get; set; }
}
