namespace CallService.Sip.Dialogs;

/// <summary>Why a dialog ended: each way has its own value so records can say who hung up.</summary>
public enum DialogEndReason
{
    /// <summary>The peer sent BYE.</summary>
    RemoteBye,

    /// <summary>We sent BYE.</summary>
    LocalBye,

    /// <summary>Our 2xx was never acknowledged (RFC 3261 13.3.1.4); we sent BYE.</summary>
    AckTimeout,

    /// <summary>An in-dialog request timed out or got 408/481 (RFC 3261 12.2.1.2): the peer is gone.</summary>
    PeerGone,

    /// <summary>The stack shut down.</summary>
    Shutdown,
}
