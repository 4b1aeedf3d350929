namespace CallService.Calls;

/// <summary>What the caller chose at the callback offer, or what the line assumes when no digit came.</summary>
public enum CallbackChoice
{
    /// <summary>"2": keep waiting on hold; the offer comes again later.</summary>
    KeepWaiting,

    /// <summary>"1": be called back; the caller's leg ends after the confirmation.</summary>
    CallBack,
}
