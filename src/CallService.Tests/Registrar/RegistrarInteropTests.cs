using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using CallService.Sip.Auth;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;
using CallService.Tests.Support;

namespace CallService.Tests.Registrar;

/// <summary>Our registrar on real sockets: a real baresip registers with its password and appears as a
/// binding, one with a wrong password never binds, and a UDP flood of bad REGISTERs from one address is
/// throttled while a good agent still registers.</summary>
[Collection("real peers")]
public sealed class RegistrarInteropTests
{
    private static readonly PasswordAccounts Accounts = new(("8001", "alice-pw"), ("8002", "bob-pw"));

    // baresip 1.0's libre knows MD5 only and gives up on a 401 offering any other algorithm: its
    // accounts have only an MD5 HA1, so they are offered only MD5.
    private static readonly PasswordAccounts LegacyAccounts = new(("8001", "alice-pw"), ("8002", "bob-pw")) { Md5Only = ["8001", "8002"] };

    [Fact]
    public async Task Baresip_registers_with_its_password_and_the_binding_names_where_it_listens()
    {
        await using LoopbackRegistrar registrar = await LoopbackRegistrar.StartAsync(LegacyAccounts);

        await using BaresipPhone phone = await BaresipPhone.StartAsync($"<sip:8001@127.0.0.1:{registrar.Port}>;auth_pass=alice-pw;regint=60");
        await Eventually.True(() => registrar.Registrar.GetBindings("8001").Count == 1, "baresip's binding", timeoutMs: 15_000);

        SipBinding binding = Assert.Single(registrar.Registrar.GetBindings("8001"));
        Assert.Equal("127.0.0.1", binding.ContactUri.Host);
        Assert.Equal(phone.SipPort, binding.ContactUri.Port);
        Assert.Equal(new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, phone.SipPort)), binding.Source);
        Assert.InRange(binding.SecondsLeft(DateTimeOffset.UtcNow), 55, 60);
        Assert.Equal("8001", binding.AuthenticatedUser);
        Assert.Contains("baresip", binding.UserAgent, StringComparison.OrdinalIgnoreCase);
        await phone.WaitForOutputAsync("200 OK", TimeSpan.FromSeconds(5));
        Assert.DoesNotContain(registrar.Log.Entries, e => e.EventId == 2105);
    }

    [Fact]
    public async Task Baresip_with_a_wrong_password_never_binds()
    {
        await using LoopbackRegistrar registrar = await LoopbackRegistrar.StartAsync(LegacyAccounts);

        await using BaresipPhone phone = await BaresipPhone.StartAsync($"<sip:8002@127.0.0.1:{registrar.Port}>;auth_pass=wrong;regint=60");
        await Eventually.True(() => registrar.Log.Entries.Any(e => e.EventId == 2105), "the failed authentication logged", timeoutMs: 15_000);

        // baresip reports the refusal: 401 again, or 403 once its retries hit the failure throttle.
        await phone.WaitForOutputAsync($"reg: sip:8002@127.0.0.1:{registrar.Port}: 40", TimeSpan.FromSeconds(10));

        Assert.Empty(registrar.Store.GetAll());
        RecordingLoggerEntry(registrar, 2105, out var failure);
        Assert.Equal("8002", failure.Properties["User"]);
        Assert.All(registrar.Log.Entries.Where(e => e.EventId == 2105), e => Assert.Equal(DigestVerificationResult.WrongResponse, e.Properties["Result"]));
        Assert.Equal(DigestVerificationResult.WrongResponse, failure.Properties["Result"]);
        Assert.DoesNotContain(registrar.Log.Entries, e => e.EventId == 2101);
    }

    [Fact]
    public async Task A_flood_of_500_bad_REGISTERs_from_one_address_is_throttled_while_a_good_agent_registers()
    {
        await using LoopbackRegistrar registrar = await LoopbackRegistrar.StartAsync(Accounts);
        using var attacker = new UdpClient(new IPEndPoint(IPAddress.Parse("127.0.0.2"), 0));
        int attackerPort = ((IPEndPoint)attacker.Client.LocalEndPoint!).Port;
        var target = new IPEndPoint(IPAddress.Loopback, registrar.Port);
        var responses = new List<string>();
        using var stopReading = new CancellationTokenSource();
        Task reader = Task.Run(async () =>
        {
            try
            {
                while (true)
                {
                    UdpReceiveResult received = await attacker.ReceiveAsync(stopReading.Token);
                    lock (responses)
                    {
                        responses.Add(Encoding.UTF8.GetString(received.Buffer));
                    }
                }
            }
            catch (OperationCanceledException)
            {
            }
        });

        // A real nonce first, so that every flooded request is a well-formed guess (wrong response).
        await attacker.SendAsync(Register(registrar.Port, attackerPort, 0, authorization: null), target);
        await Eventually.True(() => { lock (responses) { return responses.Count == 1; } }, "the challenge");
        string nonce;
        lock (responses)
        {
            Assert.StartsWith("SIP/2.0 401 ", responses[0], StringComparison.Ordinal);
            nonce = System.Text.RegularExpressions.Regex.Match(responses[0], "nonce=\"([^\"]+)\"").Groups[1].Value;
        }

        // The good agent registers while the flood runs, from another address.
        await using LibraryEndpoint agent = await LibraryEndpoint.StartAsync();
        await using var registration = new OutboundRegistration(agent.Stack.UserAgent, new OutboundRegistrationOptions
        {
            AddressOfRecord = SipUri.Parse($"sip:8001@127.0.0.1:{registrar.Port}"),
            Registrar = SipUri.Parse($"sip:127.0.0.1:{registrar.Port}"),
            Destination = registrar.Endpoint.Udp,
            Secret = DigestSecret.FromPassword("alice-pw"),
        });

        for (int i = 1; i <= 500; i++)
        {
            string guess = $"Digest username=\"8001\", realm=\"{RegistrarHarness.Realm}\", nonce=\"{nonce}\", uri=\"sip:127.0.0.1:{registrar.Port}\", "
                + $"response=\"{i:x32}\", algorithm=MD5, cnonce=\"c{i}\", qop=auth, nc=00000001";
            await attacker.SendAsync(Register(registrar.Port, attackerPort, i, guess), target);
            if (i == 100)
            {
                registration.Start();
            }
        }

        OutboundRegistrationStatus registered = await registration
            .WaitForAsync(s => s.State == OutboundRegistrationState.Registered, CancellationToken.None).WaitAsync(TimeSpan.FromSeconds(20));
        Assert.Equal(200, registered.LastStatusCode);
        Assert.Single(registrar.Registrar.GetBindings("8001"));

        // Every flooded request was seen: 5 failures (default MaxFailures) then 495 silent drops.
        await Eventually.True(() => registrar.Log.Entries.Count(e => e.EventId is 2105 or 2107) == 500,
            "all 500 flooded REGISTERs processed", timeoutMs: 15_000);
        await stopReading.CancelAsync();
        await reader;

        Assert.Equal(5, registrar.Log.Entries.Count(e => e.EventId == 2105));
        Assert.Equal(495, registrar.Log.Entries.Count(e => e.EventId == 2107));
        lock (responses)
        {
            // The challenge, four re-challenges and one 403; nothing after it.
            Assert.Equal(6, responses.Count);
            Assert.Equal(5, responses.Count(r => r.StartsWith("SIP/2.0 401 ", StringComparison.Ordinal)));
            Assert.StartsWith("SIP/2.0 403 ", responses[^1], StringComparison.Ordinal);
        }

        Assert.True(registrar.Throttle.IsBlocked(IPAddress.Parse("127.0.0.2")));
        Assert.False(registrar.Throttle.IsBlocked(IPAddress.Loopback));
        Assert.True(registrar.Endpoint.Stack.Transactions.Count < 20, $"{registrar.Endpoint.Stack.Transactions.Count} transactions left");
        Assert.DoesNotContain(registrar.Store.GetAll(), b => b.Source.EndPoint.Address.Equals(IPAddress.Parse("127.0.0.2")));
    }

    private static void RecordingLoggerEntry(LoopbackRegistrar registrar, int eventId, out Records.RecordingLogger.Entry entry) =>
        entry = registrar.Log.Entries.First(e => e.EventId == eventId);

    private static byte[] Register(int registrarPort, int localPort, int i, string? authorization)
    {
        var text = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"REGISTER sip:127.0.0.1:{registrarPort} SIP/2.0\r\n")
            .Append(CultureInfo.InvariantCulture, $"Via: SIP/2.0/UDP 127.0.0.2:{localPort};branch=z9hG4bK-flood-{i};rport\r\n")
            .Append("Max-Forwards: 70\r\n")
            .Append(CultureInfo.InvariantCulture, $"From: <sip:8001@127.0.0.1>;tag=flood{i}\r\n")
            .Append("To: <sip:8001@127.0.0.1>\r\n")
            .Append(CultureInfo.InvariantCulture, $"Call-ID: flood-{i}@127.0.0.2\r\n")
            .Append("CSeq: 1 REGISTER\r\n")
            .Append(CultureInfo.InvariantCulture, $"Contact: <sip:8001@127.0.0.2:{localPort}>\r\n")
            .Append("Expires: 3600\r\n");
        if (authorization is not null)
        {
            text.Append(CultureInfo.InvariantCulture, $"Authorization: {authorization}\r\n");
        }

        text.Append("Content-Length: 0\r\n\r\n");
        return Encoding.ASCII.GetBytes(text.ToString());
    }
}
