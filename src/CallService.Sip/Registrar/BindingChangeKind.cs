namespace CallService.Sip.Registrar;

/// <summary>What happened to a binding.</summary>
public enum BindingChangeKind
{
    /// <summary>A new contact was bound to the address-of-record.</summary>
    Added,

    /// <summary>An existing contact was registered again (new expiry, Call-ID/CSeq or source).</summary>
    Refreshed,

    /// <summary>The contact is no longer bound (see <see cref="BindingChange.RemovalReason"/>).</summary>
    Removed,

    /// <summary>The contact started or stopped answering OPTIONS (<see cref="SipBinding.IsReachable"/>).</summary>
    ReachabilityChanged,
}
