using CallService.Sip.Auth;
using CallService.Sip.Registrar;
using CallService.Tests.Records;
using CallService.Tests.Support;

namespace CallService.Tests.Registrar;

/// <summary>Our registrar on a real library endpoint (UDP and TCP on a free loopback port), real time.</summary>
internal sealed class LoopbackRegistrar : IAsyncDisposable
{
    private LoopbackRegistrar(LibraryEndpoint endpoint, InMemoryRegistrationStore store, AuthFailureThrottle throttle, SipRegistrar registrar, RecordingLogger log)
    {
        Endpoint = endpoint;
        Store = store;
        Throttle = throttle;
        Registrar = registrar;
        Log = log;
    }

    public LibraryEndpoint Endpoint { get; }

    public int Port => Endpoint.Port;

    public InMemoryRegistrationStore Store { get; }

    public AuthFailureThrottle Throttle { get; }

    public SipRegistrar Registrar { get; }

    public RecordingLogger Log { get; }

    public static async Task<LoopbackRegistrar> StartAsync(IRegistrarAccounts accounts, AuthFailureThrottleOptions? throttle = null)
    {
        LibraryEndpoint endpoint = await LibraryEndpoint.StartAsync();
        var store = new InMemoryRegistrationStore(TimeProvider.System, endpoint.Stack.Transactions.TimerQueue);
        var authFailures = new AuthFailureThrottle(throttle ?? new AuthFailureThrottleOptions(), TimeProvider.System);
        var log = new RecordingLogger();
        var registrar = new SipRegistrar(new RegistrarOptions { Realm = RegistrarHarness.Realm }, store, accounts,
            new DigestAuthenticator(new DigestAuthenticatorOptions(), TimeProvider.System), authFailures, TimeProvider.System, log);
        registrar.Attach(endpoint.Stack.UserAgent);
        return new LoopbackRegistrar(endpoint, store, authFailures, registrar, log);
    }

    public async ValueTask DisposeAsync()
    {
        await Endpoint.DisposeAsync();
        Store.Dispose();
    }
}
