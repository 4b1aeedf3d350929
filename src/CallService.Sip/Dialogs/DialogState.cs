namespace CallService.Sip.Dialogs;

/// <summary>RFC 3261 12: a dialog is early (after a tagged 1xx), confirmed (2xx), then terminated.</summary>
public enum DialogState
{
    Early,
    Confirmed,
    Terminated,
}
