namespace CallService.Sip.Registrar;

/// <summary>Where an <see cref="OutboundRegistration"/> stands.</summary>
public enum OutboundRegistrationState
{
    /// <summary>Not started, or stopped (and unregistered if it could).</summary>
    Stopped,

    /// <summary>A REGISTER is under way (first registration or refresh).</summary>
    Registering,

    /// <summary>The registrar accepted the binding; a refresh is scheduled before it expires.</summary>
    Registered,

    /// <summary>The last attempt failed; another follows after the back-off delay.</summary>
    Failed,

    /// <summary>Removing the binding (Expires: 0) on stop.</summary>
    Unregistering,
}
