namespace CallService.Sip.Registrar;

/// <summary>
/// Where the registrar keeps its bindings (RFC 3261 10.3 "location service"). An implementation
/// commits each update atomically (10.3: all binding changes of one REGISTER or none), removes
/// bindings when they expire, and tells subscribers about every change.
/// </summary>
public interface IRegistrationStore
{
    /// <summary>Raised after each committed change, outside the store's locks. Handlers must not block.</summary>
    event Action<BindingChange>? Changed;

    /// <summary>The live bindings of <paramref name="addressOfRecord"/> (none expired), in registration order.</summary>
    IReadOnlyList<SipBinding> GetBindings(string addressOfRecord);

    /// <summary>Every live binding (a snapshot).</summary>
    IReadOnlyList<SipBinding> GetAll();

    /// <summary>
    /// Atomically replaces the bindings of <paramref name="addressOfRecord"/>: <paramref name="update"/>
    /// receives the live bindings and returns the complete new set, or null to leave everything
    /// unchanged. A returned binding whose contact matches a current one (<see cref="SipBinding.IsFor"/>)
    /// refreshes it and keeps its <see cref="SipBinding.Id"/>; others are added; current bindings left
    /// out are removed as <see cref="BindingRemovalReason.Unregistered"/>.
    /// </summary>
    /// <returns>The committed bindings, or null when <paramref name="update"/> returned null.</returns>
    IReadOnlyList<SipBinding>? Update(string addressOfRecord, Func<IReadOnlyList<SipBinding>, IReadOnlyList<SipBinding>?> update);

    /// <summary>Sets <see cref="SipBinding.IsReachable"/> of binding <paramref name="bindingId"/>. False when it no longer exists.</summary>
    bool SetReachable(string addressOfRecord, long bindingId, bool reachable);
}
