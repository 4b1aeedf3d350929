namespace CallService.Sip.Registrar;

/// <summary>Why a binding was removed.</summary>
public enum BindingRemovalReason
{
    /// <summary>Not removed.</summary>
    None,

    /// <summary>The UA removed it: Expires 0 for the contact, or Contact * (RFC 3261 10.2.2).</summary>
    Unregistered,

    /// <summary>It was not refreshed in time (RFC 3261 10.2.1).</summary>
    Expired,
}
