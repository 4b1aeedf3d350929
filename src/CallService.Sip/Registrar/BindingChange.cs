namespace CallService.Sip.Registrar;

/// <summary>A change of one binding, raised by <see cref="IRegistrationStore.Changed"/> after it is committed.</summary>
/// <param name="Kind">What happened.</param>
/// <param name="Binding">The binding after the change (for <see cref="BindingChangeKind.Removed"/>, as it was).</param>
/// <param name="RemovalReason">Why it was removed; <see cref="BindingRemovalReason.None"/> for other kinds.</param>
public sealed record BindingChange(BindingChangeKind Kind, SipBinding Binding, BindingRemovalReason RemovalReason = BindingRemovalReason.None);
