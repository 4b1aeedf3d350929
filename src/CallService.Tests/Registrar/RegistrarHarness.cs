using System.Net;
using CallService.Sip.Auth;
using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Registrar;

/// <summary>
/// A registrar on a library stack at 10.0.0.1:5060 and phones (library stacks) at other addresses,
/// wired by the in-memory network with synchronous delivery and driven by a FakeTimeProvider: a
/// request sent is answered before SendAsync returns, expiry and qualify run when time advances.
/// </summary>
internal sealed class RegistrarHarness : IDisposable
{
    public const string Realm = "callservice";

    public static readonly SipEndPoint RegistrarEndPoint = new(SipProtocol.Udp, new IPEndPoint(IPAddress.Parse("10.0.0.1"), 5060));

    private readonly List<SipStack> _stacks = [];

    public RegistrarHarness(RegistrarOptions? options = null, AuthFailureThrottleOptions? throttle = null, IRegistrarAccounts? accounts = null,
        Microsoft.Extensions.Logging.ILogger? logger = null)
    {
        Network = new InMemorySipNetwork(Time);
        Stack = AddStack(RegistrarEndPoint);
        Store = new InMemoryRegistrationStore(Time, Stack.Transactions.TimerQueue);
        Authenticator = new DigestAuthenticator(new DigestAuthenticatorOptions(), Time);
        Throttle = new AuthFailureThrottle(throttle ?? new AuthFailureThrottleOptions(), Time);
        Registrar = new SipRegistrar(options ?? new RegistrarOptions { Realm = Realm }, Store,
            accounts ?? new PasswordAccounts(("8001", "alice-pw"), ("8002", "bob-pw")), Authenticator, Throttle, Time, logger);
        Registrar.Attach(Stack.UserAgent);
        Store.Changed += change =>
        {
            lock (Changes)
            {
                Changes.Add(change);
            }
        };
    }

    public FakeTimeProvider Time { get; } = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    public InMemorySipNetwork Network { get; }

    public SipStack Stack { get; }

    public InMemoryRegistrationStore Store { get; }

    public DigestAuthenticator Authenticator { get; }

    public AuthFailureThrottle Throttle { get; }

    public SipRegistrar Registrar { get; }

    public List<BindingChange> Changes { get; } = [];

    /// <summary>A phone: a library stack listening on UDP <paramref name="address"/>:5060.</summary>
    public SipStack AddPhone(string address, int port = 5060) =>
        AddStack(new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Parse(address), port)));

    private SipStack AddStack(SipEndPoint endPoint)
    {
        InMemorySipTransport transport = Network.AddTransport(endPoint);
        var stack = SipStack.Create(new SipStackOptions
        {
            AdvertisedHost = endPoint.EndPoint.Address.ToString(),
            AdvertisedPort = endPoint.EndPoint.Port,
        }, transport, Time);
        _stacks.Add(stack);
        return stack;
    }

    /// <summary>The contact a phone registers by default: sip:user@its-address:port.</summary>
    public static string ContactOf(SipStack phone, string user) =>
        $"<sip:{user}@{phone.Options.AdvertisedHost}:{phone.Options.AdvertisedPort}>";

    /// <summary>
    /// Sends one REGISTER for <paramref name="user"/> from <paramref name="phone"/> and returns the
    /// request and its outcome. Contacts are written as given ("*" included); null means the phone's own.
    /// </summary>
    public async Task<(SipRequest Request, ClientTransactionOutcome Outcome)> SendAsync(
        SipStack phone, string user, string callId, uint cseq, IEnumerable<string>? contacts = null, int? expires = null,
        string? authorization = null, string? toUser = null)
    {
        var aor = new SipNameAddress(SipUri.Parse($"sip:{toUser ?? user}@10.0.0.1"));
        SipRequest request = phone.UserAgent.CreateRequest(SipMethod.Register, SipUri.Parse("sip:10.0.0.1"), aor, aor, callId, cseq);
        request.Headers.Remove("Contact");
        foreach (string contact in contacts ?? [ContactOf(phone, user)])
        {
            request.Headers.Add("Contact", contact);
        }

        if (expires is { } e)
        {
            request.Headers.Add("Expires", e.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (authorization is not null)
        {
            request.Headers.Add("Authorization", authorization);
        }

        ClientTransactionOutcome outcome = await phone.UserAgent.SendAsync(request, RegistrarEndPoint, null, CancellationToken.None)
            .WaitAsync(TimeSpan.FromSeconds(5));
        return (request, outcome);
    }

    /// <summary>
    /// The whole exchange: REGISTER, 401, REGISTER with credentials (CSeq + 1) answering the
    /// challenge of <paramref name="algorithm"/> (null: the strongest offered).
    /// </summary>
    public async Task<RegisterExchange> RegisterAsync(
        SipStack phone, string user, string password, IEnumerable<string>? contacts = null, int? expires = null,
        string? callId = null, uint cseq = 1, DigestAlgorithm? algorithm = null, string? toUser = null)
    {
        string id = callId ?? SipIds.NewCallId(phone.Options.AdvertisedHost);
        string[]? contactList = contacts?.ToArray();
        var (_, first) = await SendAsync(phone, user, id, cseq, contactList, expires, toUser: toUser);
        Assert.Equal(401, first.StatusCode);
        IReadOnlyList<DigestChallenge> challenges = Challenges(first.Response!);
        DigestChallenge challenge = algorithm is { } wanted
            ? challenges.Single(c => c.EffectiveAlgorithm == wanted)
            : DigestClient.SelectChallenge(challenges, DigestSecret.FromPassword(password))!;
        DigestCredentials credentials = new DigestClient().Authorize(challenge, user, DigestSecret.FromPassword(password), "REGISTER", "sip:10.0.0.1");
        var (request, outcome) = await SendAsync(phone, user, id, cseq + 1, contactList, expires, credentials.ToHeaderValue(), toUser);
        return new RegisterExchange(request, outcome, credentials, id, cseq + 1);
    }

    public static IReadOnlyList<DigestChallenge> Challenges(SipResponse response) =>
        [.. response.Headers.GetAll("WWW-Authenticate").Select(v => DigestChallenge.TryParse(v, out DigestChallenge? c, out _) ? c : throw new FormatException(v))];

    /// <summary>The Contact values of a 200 with their expires parameters, by URI text.</summary>
    public static Dictionary<string, int> ListedContacts(SipResponse response) =>
        response.Contacts.ToDictionary(c => c.Uri.ToString(), c => int.Parse(c.GetParameter("expires")!, System.Globalization.CultureInfo.InvariantCulture));

    public string Aor(string user) => Registrar.AddressOfRecordFor(user);

    public void Dispose()
    {
        foreach (SipStack stack in _stacks)
        {
            stack.Dispose();
        }

        Store.Dispose();
    }
}
