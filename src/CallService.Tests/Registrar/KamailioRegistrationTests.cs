using System.Net;
using CallService.Sip.Auth;
using CallService.Sip.Dialogs;
using CallService.Sip.Messages;
using CallService.Sip.Registrar;
using CallService.Sip.Transport;
using CallService.Tests.Support;

namespace CallService.Tests.Registrar;

/// <summary>
/// The shipped Kamailio config for real: CallService's line registers at Kamailio with digest
/// (OutboundRegistration) and a sipp caller sent to Kamailio reaches the line; an agent registered
/// at Kamailio is reached by a call CallService sends through it.
/// </summary>
[Collection("real peers")]
public sealed class KamailioRegistrationTests
{
    private static readonly TimeSpan Bound = TimeSpan.FromSeconds(20);

    private static OutboundRegistration Register(LibraryEndpoint endpoint, KamailioProxy kamailio, string user, DigestSecret secret) =>
        new(endpoint.Stack.UserAgent, new OutboundRegistrationOptions
        {
            AddressOfRecord = SipUri.Parse($"sip:{user}@127.0.0.1:{kamailio.Port}"),
            Registrar = SipUri.Parse($"sip:127.0.0.1:{kamailio.Port}"),
            Destination = new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, kamailio.Port)),
            Secret = secret,
            Expires = TimeSpan.FromSeconds(300),
        });

    [Fact]
    public async Task The_line_registers_at_Kamailio_with_digest_and_sipp_calls_through_Kamailio_reach_it()
    {
        string password = KamailioProxy.NewPassword();
        await using KamailioProxy kamailio = await KamailioProxy.StartAsync(("sales", password));
        await using LibraryEndpoint line = await LibraryEndpoint.StartAsync();
        int answered = 0;
        line.AnswerEverything(TimeSpan.Zero, (_, _) => Interlocked.Increment(ref answered));
        await using OutboundRegistration registration = Register(line, kamailio, "sales", DigestSecret.FromPassword(password));

        registration.Start();
        OutboundRegistrationStatus registered = await registration
            .WaitForAsync(s => s.State is OutboundRegistrationState.Registered or OutboundRegistrationState.Failed, CancellationToken.None)
            .WaitAsync(Bound);

        Assert.True(registered.State == OutboundRegistrationState.Registered, $"{registered}\n{kamailio.Output}");
        Assert.Equal(200, registered.LastStatusCode);
        Assert.Equal(2, registered.RequestsSent); // challenged (401), then accepted with digest

        await using (ExternalProcess sipp = ExternalProcess.Start("sipp",
        [
            "-sn", "uac", $"127.0.0.1:{kamailio.Port}", "-s", "sales", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-r", "5", "-m", "5", "-d", "200", "-nostdin", "-timeout", "60s", "-timeout_error",
        ]))
        {
            int exit = await sipp.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, $"sipp exit {exit}:\n{sipp.Output}\n--- kamailio ---\n{kamailio.Output}");
            Assert.Matches(@"Successful call\s*\|\s*\d+\s*\|\s*5\b", sipp.Output);
            Assert.Matches(@"Failed call\s*\|\s*\d+\s*\|\s*0\b", sipp.Output);
        }

        Assert.Equal(5, answered);
        await Eventually.True(() => line.Stack.UserAgent.DialogCount == 0, "every call ended by sipp's BYE through Kamailio");

        // Unregistered on stop: Kamailio no longer knows the line.
        await registration.StopAsync(CancellationToken.None).WaitAsync(Bound);
        Assert.Equal(OutboundRegistrationState.Stopped, registration.Status.State);
        await using ExternalProcess after = ExternalProcess.Start("sipp",
        [
            "-sn", "uac", $"127.0.0.1:{kamailio.Port}", "-s", "sales", "-i", "127.0.0.1", "-p", FreePort.ForSip().ToString(),
            "-m", "1", "-nostdin", "-timeout", "30s", "-timeout_error",
        ]);
        Assert.NotEqual(0, await after.WaitForExitAsync(TimeSpan.FromSeconds(60)));
        Assert.Equal(5, answered);
    }

    [Fact]
    public async Task A_wrong_password_is_refused_by_Kamailio_and_retried_later()
    {
        await using KamailioProxy kamailio = await KamailioProxy.StartAsync(("sales", KamailioProxy.NewPassword()));
        await using LibraryEndpoint line = await LibraryEndpoint.StartAsync();
        await using OutboundRegistration registration = Register(line, kamailio, "sales", DigestSecret.FromPassword("not-the-password"));

        registration.Start();
        OutboundRegistrationStatus failed = await registration
            .WaitForAsync(s => s.State == OutboundRegistrationState.Failed, CancellationToken.None).WaitAsync(Bound);

        Assert.Equal(401, failed.LastStatusCode);
        Assert.Equal("credentials refused", failed.LastReason);
        Assert.Equal(1, failed.ConsecutiveFailures);
        Assert.NotNull(failed.NextAttemptAt);
    }

    [Fact]
    public async Task An_agent_registered_at_Kamailio_is_reached_by_a_call_sent_through_Kamailio()
    {
        string password = KamailioProxy.NewPassword();
        await using KamailioProxy kamailio = await KamailioProxy.StartAsync(("8001", password));
        await using LibraryEndpoint agent = await LibraryEndpoint.StartAsync();
        var answered = new TaskCompletionSource<SipDialog>(TaskCreationOptions.RunContinuationsAsynchronously);
        agent.AnswerEverything(TimeSpan.Zero, (_, dialog) => answered.TrySetResult(dialog));
        string ha1 = DigestHash.ComputeHa1(DigestAlgorithm.Md5, "8001", KamailioProxy.Realm, password);
        await using OutboundRegistration registration = Register(agent, kamailio, "8001", DigestSecret.FromHa1(ha1, null));
        registration.Start();
        await registration.WaitForAsync(s => s.State == OutboundRegistrationState.Registered, CancellationToken.None).WaitAsync(Bound);

        await using LibraryEndpoint service = await LibraryEndpoint.StartAsync();
        var kamailioEndPoint = new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback, kamailio.Port));
        OutgoingCall call = await service.Stack.UserAgent.CallAsync(SipUri.Parse($"sip:8001@127.0.0.1:{kamailio.Port}"),
            new SipNameAddress(SipUri.Parse($"sip:sales@127.0.0.1:{service.Port}")), null, LibraryEndpoint.SimpleSdp(FreePort.ForRtp()),
            kamailioEndPoint);
        OutgoingCallResult result = await call.Result.WaitAsync(Bound);

        Assert.True(result.IsAnswered, $"{result.StatusCode}\n{kamailio.Output}");
        SipDialog agentSide = await answered.Task.WaitAsync(Bound);
        Assert.True(await agentSide.Acked.WaitAsync(Bound));

        // Kamailio record-routed the call: the BYE takes the same way and ends both sides.
        Assert.NotEmpty(result.FinalResponse!.RecordRoutes);
        var ended = new TaskCompletionSource<DialogEndReason>(TaskCreationOptions.RunContinuationsAsynchronously);
        agentSide.Terminated += (_, why) => ended.TrySetResult(why);
        var bye = await result.Dialog!.ByeAsync().WaitAsync(Bound);
        Assert.Equal(200, bye.StatusCode);
        Assert.Equal(DialogEndReason.RemoteBye, await ended.Task.WaitAsync(Bound));
    }
}
