using System.Diagnostics.Metrics;
using CallService.Calls;
using CallService.Engine;
using CallService.Sip.Registrar;
using CallService.Sip.Timing;

namespace CallService.Metrics;

/// <summary>
/// The service's live figures as System.Diagnostics.Metrics instruments on the meter
/// <see cref="MeterName"/>: every instrument is observable, read from the engine's own counters when
/// a listener collects (GET /metrics, dotnet-counters, an OpenTelemetry exporter), so the call and
/// media paths pay nothing for them.
/// </summary>
public sealed class CallServiceMetrics : IDisposable
{
    /// <summary>The meter's name.</summary>
    public const string MeterName = "CallService";

    private readonly SipEngine _engine;

    public CallServiceMetrics(IMeterFactory meters, SipEngine engine, SipRegistrar? registrar = null)
    {
        ArgumentNullException.ThrowIfNull(meters);
        ArgumentNullException.ThrowIfNull(engine);
        _engine = engine;
        Meter = meters.Create(MeterName);
        CallCounters calls = engine.Counters;

        Meter.CreateObservableGauge("callservice.calls.active", () => _engine.ActiveCalls, "{call}",
            "Calls in progress (ringing, answered or queued).");
        Meter.CreateObservableCounter("callservice.calls.offered", () => calls.Offered, "{call}",
            "INVITEs to a sales line that became calls.");
        Meter.CreateObservableCounter("callservice.calls.answered", () => calls.Answered, "{call}",
            "Calls answered with a 200 OK (by the service or an agent).");
        Meter.CreateObservableCounter("callservice.calls.abandoned", () => calls.Abandoned, "{call}",
            "Callers who gave up before anyone answered.");
        Meter.CreateObservableCounter("callservice.calls.ended", EndedByOutcome, "{call}",
            "Calls ended, by the outcome their record keeps.");

        Meter.CreateObservableGauge("callservice.sip.transactions.active", () => _engine.Stack?.Transactions.Count ?? 0, "{transaction}",
            "SIP transactions alive (RFC 3261 17).");
        Meter.CreateObservableCounter("callservice.sip.transactions.created", () => _engine.Stack?.Transactions.Created ?? 0, "{transaction}",
            "SIP transactions created.");
        Meter.CreateObservableCounter("callservice.sip.retransmissions", () => _engine.Stack?.Transactions.Retransmissions ?? 0, "{message}",
            "SIP requests and responses sent again (timers A, E, G, or answering a peer's retransmission).");
        Meter.CreateObservableCounter("callservice.sip.datagrams.received", () => _engine.TransportStats?.DatagramsReceived ?? 0, "{datagram}",
            "UDP datagrams read by the SIP transport.");
        Meter.CreateObservableCounter("callservice.sip.messages.sent", () => _engine.TransportStats?.MessagesSent ?? 0, "{message}",
            "SIP messages sent by the transport.");

        if (registrar is not null)
        {
            IRegistrationStore bindings = registrar.Store;
            Meter.CreateObservableGauge("callservice.registrar.bindings", () => bindings.GetAll().Count, "{binding}",
                "Contacts registered at the agents' registrar (RFC 3261 10.3), unexpired.");
        }

        RtpMeasurements(engine);
    }

    /// <summary>The meter the instruments live on (created by the host's <see cref="IMeterFactory"/>).</summary>
    public Meter Meter { get; }

    private void RtpMeasurements(SipEngine engine)
    {
        var pacer = engine.Pacer;
        Meter.CreateObservableGauge("callservice.rtp.streams", () => pacer.StreamCount, "{stream}",
            "RTP streams the pacing loop sends.");
        Meter.CreateObservableCounter("callservice.rtp.packets.sent", () => pacer.FramesSent, "{packet}",
            "RTP packets sent by the pacing loop (20 ms frames and telephone-events); rate() gives packets/s.");
        Meter.CreateObservableCounter("callservice.rtp.frames.late", () => pacer.LateFrames, "{packet}",
            "RTP packets sent later than the pacer's late threshold after their deadline.");
        Meter.CreateObservableCounter("callservice.rtp.frames.skipped", () => pacer.SkippedFrames, "{packet}",
            "Stream frames dropped when the pacing loop skipped ahead after a stall.");
        Meter.CreateObservableGauge("callservice.rtp.pacer.max_lateness", () => pacer.MaxLateness.TotalSeconds, "s",
            "The worst delay seen between a send slot's deadline and its processing.");
        if (engine.CallTime is PreciseTimeProvider timers)
        {
            Meter.CreateObservableCounter("callservice.timers.fired", () => timers.Fired, "{timer}",
                "Call timers (auto-answer at the Nth ring) run by the precise timer thread.");
            Meter.CreateObservableGauge("callservice.timers.max_lateness", () => timers.MaxLateness.TotalSeconds, "s",
                "The worst delay seen between a call timer's due time and its callback (a GC pause or a busy core shows here).");
        }
    }

    private IEnumerable<Measurement<long>> EndedByOutcome()
    {
        CallCounters calls = _engine.Counters;
        foreach (CallOutcome outcome in calls.OutcomeKinds)
        {
            yield return new Measurement<long>(calls.EndedWith(outcome), new KeyValuePair<string, object?>("outcome", outcome.ToName()));
        }
    }

    public void Dispose() => Meter.Dispose();
}
