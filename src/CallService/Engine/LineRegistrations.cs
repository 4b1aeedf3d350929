using CallService.Lines;
using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using Microsoft.Extensions.Logging;

namespace CallService.Engine;

/// <summary>The lines that register themselves at an upstream registrar (a PBX, Kamailio): one
/// <see cref="OutboundRegistration"/> each, refreshed before expiry and retried with back-off.</summary>
internal sealed class LineRegistrations : IAsyncDisposable
{
    private readonly List<OutboundRegistration> _registrations = [];

    public IReadOnlyList<OutboundRegistration> All => _registrations;

    public void Start(IEnumerable<SalesLine> lines, SipStack stack, ILoggerFactory loggers)
    {
        foreach (var line in lines)
        {
            if (line.Registration is not { } config)
            {
                continue;
            }
            var registrar = SipUri.Parse(config.Registrar);
            string domain = string.IsNullOrWhiteSpace(config.Domain) ? registrar.Host : config.Domain!;
            var registration = new OutboundRegistration(stack.UserAgent, new OutboundRegistrationOptions
            {
                AddressOfRecord = SipUri.Parse($"sip:{line.Number}@{domain}"),
                Registrar = registrar,
                ContactUser = line.Number,
                Username = config.Username ?? line.Number,
                Secret = DigestSecret.FromHa1(config.Ha1Md5, null),
                Expires = TimeSpan.FromSeconds(config.ExpiresSeconds),
            }, loggers.CreateLogger("CallService.Lines.Registration"));
            registration.Start();
            _registrations.Add(registration);
        }
    }

    public async ValueTask DisposeAsync()
    {
        foreach (var registration in _registrations)
        {
            try
            {
                // Expires: 0, so the upstream registrar stops sending calls to a node that is gone.
                await registration.StopAsync(CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(3)).ConfigureAwait(false);
            }
            catch (TimeoutException)
            {
            }
            await registration.DisposeAsync().ConfigureAwait(false);
        }
        _registrations.Clear();
    }
}
