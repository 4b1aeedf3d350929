using CallService.Sip.Messages;

namespace CallService.Sip.Registrar;

/// <summary>One contact of a REGISTER with the expiry the registrar grants it (zero: remove it).</summary>
/// <param name="Contact">The contact without its expires parameter.</param>
/// <param name="Expires">Granted expiry: the requested one bounded by the maximum; zero removes the binding.</param>
public readonly record struct RequestedBinding(SipNameAddress Contact, TimeSpan Expires);
