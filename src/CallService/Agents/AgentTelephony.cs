using CallService.Sip.Core;
using CallService.Sip.Registrar;
using Microsoft.Extensions.Logging;

namespace CallService.Agents;

/// <summary>
/// The SIP side of the agents, attached to the engine's stack once it exists: the registrar answers
/// REGISTER from the agents' softphones, and the qualifier pings their contacts with OPTIONS.
/// </summary>
public sealed class AgentTelephony : IDisposable
{
    private readonly SipRegistrar _registrar;
    private readonly QualifyOptions _qualify;
    private readonly ILoggerFactory _loggers;
    private ContactQualifier? _qualifier;

    public AgentTelephony(SipRegistrar registrar, QualifyOptions qualify, ILoggerFactory loggers)
    {
        ArgumentNullException.ThrowIfNull(registrar);
        ArgumentNullException.ThrowIfNull(qualify);
        ArgumentNullException.ThrowIfNull(loggers);
        _registrar = registrar;
        _qualify = qualify;
        _loggers = loggers;
    }

    /// <summary>The registrar (its store holds the agents' bindings).</summary>
    public SipRegistrar Registrar => _registrar;

    /// <summary>Serves REGISTER on <paramref name="stack"/> and starts qualifying the contacts. Call once, after the stack is created.</summary>
    /// <exception cref="InvalidOperationException">Already attached.</exception>
    public void Attach(SipStack stack)
    {
        ArgumentNullException.ThrowIfNull(stack);
        if (_qualifier is not null)
        {
            throw new InvalidOperationException("The agents' registrar is already attached to a stack.");
        }

        _registrar.Attach(stack.UserAgent);
        _qualifier = new ContactQualifier(stack.UserAgent, _registrar.Store, _qualify, _loggers.CreateLogger("CallService.Sip.Registrar.Qualify"));
        _qualifier.Start();
    }

    public void Dispose() => _qualifier?.Dispose();
}
