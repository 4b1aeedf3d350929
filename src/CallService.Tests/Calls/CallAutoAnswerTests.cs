using System.Globalization;
using CallService.Calls;
using CallService.Lines;

namespace CallService.Tests.Calls;

/// <summary>DESIGN.md "Counting rings": the service answers at exactly RingStartedAt + N periods.</summary>
public sealed class CallAutoAnswerTests
{
    [Fact]
    public void China_cadence_two_rings_answers_at_exactly_10_s_and_not_at_9_999_s()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2).Ring();
        Assert.Equal(h.At(10), h.Call.AutoAnswerDueAt);

        h.AdvanceTo(9.999);
        Assert.Equal(CallState.Ringing, h.Call.State);
        Assert.Empty(h.Commands);

        h.AdvanceTo(10.0);
        Assert.Equal(CallState.AutoAnswered, h.Call.State);
        CallSnapshot record = h.Call.Record;
        Assert.Equal(
            [
                new AnswerCaller(),
                new PlayGreetingThenHold(),
                new RecordChanged(CallState.AutoAnswered, record),
            ],
            h.Take());
        Assert.Equal(CallHarness.InviteAt, record.StartedAt);
        Assert.Equal(h.RingAt, record.RingStartedAt);
        Assert.Equal(h.At(10), record.AnsweredAt);
        Assert.Equal(h.At(10), record.AutoAnsweredAt);
        Assert.Equal("auto", record.AnsweredBy);
        Assert.Equal(2.0m, record.Rings);
        Assert.Equal("2.0", record.Rings!.Value.ToString(CultureInfo.InvariantCulture));
        Assert.Null(record.AgentAnsweredAt);
        Assert.Null(record.AgentId);
        Assert.Null(record.EndedAt);
        Assert.Null(record.Outcome);
        Assert.Null(record.EndedBy);
        Assert.True(h.Call.IsGreetingPlaying);
        Assert.Null(h.Call.AutoAnswerDueAt);
    }

    [Theory]
    [InlineData("us", 2, 12.0)]
    [InlineData("uk", 2, 6.0)]
    [InlineData("cn", 1, 5.0)]
    [InlineData("cn", 3, 15.0)]
    [InlineData("us", 4, 24.0)]
    public void Auto_answer_comes_at_the_cadence_period_times_the_ring_limit(string cadenceName, int rings, double seconds)
    {
        Assert.True(RingCadence.TryFromName(cadenceName, null, out RingCadence cadence));
        var h = new CallHarness(cadence, rings).Ring();

        h.Time.Advance(h.At(seconds) - h.Time.GetUtcNow() - TimeSpan.FromTicks(1));
        Assert.Equal(CallState.Ringing, h.Call.State);
        h.Time.Advance(TimeSpan.FromTicks(1));

        Assert.Equal(CallState.AutoAnswered, h.Call.State);
        Assert.Equal(h.At(seconds), h.Call.Record.AnsweredAt);
        Assert.Equal(rings, h.Call.Record.Rings);
    }

    [Fact]
    public void Custom_cadence_counts_in_its_own_period()
    {
        var h = new CallHarness(RingCadence.Custom([400, 200, 400, 200]), autoAnswerAfterRings: 3).Ring();
        h.AdvanceTo(3.599);
        Assert.Equal(CallState.Ringing, h.Call.State);
        h.AdvanceTo(3.6);
        Assert.Equal(CallState.AutoAnswered, h.Call.State);
        Assert.Equal(3.0m, h.Call.Record.Rings);
    }

    [Fact]
    public void Zero_rings_answers_as_soon_as_ringing_starts()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 0);
        h.Time.Advance(CallHarness.SetupDelay);
        h.Handle(new RingingStarted());

        CallSnapshot ringing = CallSnapshot.Started(CallHarness.InviteAt) with { RingStartedAt = h.RingAt };
        CallSnapshot answered = ringing with
        {
            AnsweredAt = h.RingAt,
            AnsweredBy = "auto",
            AutoAnsweredAt = h.RingAt,
            Rings = 0.0m,
        };
        Assert.Equal(
            [
                new RecordChanged(CallState.Ringing, ringing),
                new AnswerCaller(),
                new PlayGreetingThenHold(),
                new RecordChanged(CallState.AutoAnswered, answered),
            ],
            h.Take());
        Assert.Equal(CallState.AutoAnswered, h.Call.State);
    }

    [Fact]
    public void Rings_count_from_the_first_ringback_packet_not_from_the_invite()
    {
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2);
        h.Time.Advance(TimeSpan.FromSeconds(60)); // a slow set-up: still no ring counted
        Assert.Equal(CallState.Offered, h.Call.State);
        Assert.Empty(h.Commands);
        Assert.Null(h.Call.AutoAnswerDueAt);

        h.Handle(new RingingStarted());
        DateTimeOffset ringAt = h.Time.GetUtcNow();
        Assert.Equal(
            [new RecordChanged(CallState.Ringing, CallSnapshot.Started(CallHarness.InviteAt) with { RingStartedAt = ringAt })],
            h.Take());

        h.Time.Advance(TimeSpan.FromSeconds(10));
        Assert.Equal(ringAt + TimeSpan.FromSeconds(10), h.Call.Record.AnsweredAt);
        Assert.Equal(2.0m, h.Call.Record.Rings);
    }

    [Fact]
    public void A_ringing_start_heard_late_still_counts_from_the_packet_instant()
    {
        // The pacer stamps the first ringback packet and hands the event to another thread: the call
        // hears of it 35 ms later, and the two rings still end 10 s after the packet, not after the event.
        var h = new CallHarness(RingCadence.China, autoAnswerAfterRings: 2);
        h.Time.Advance(CallHarness.SetupDelay);
        long packetAt = h.Time.GetTimestamp();
        h.Time.Advance(TimeSpan.FromMilliseconds(35));
        h.Handle(new RingingStarted(packetAt));

        Assert.Equal(h.RingAt, h.Call.Record.RingStartedAt);
        Assert.Equal(h.At(10), h.Call.AutoAnswerDueAt);
        h.AdvanceTo(9.999);
        Assert.Equal(CallState.Ringing, h.Call.State);
        h.AdvanceTo(10.0);
        Assert.Equal(CallState.AutoAnswered, h.Call.State);
        Assert.Equal(h.At(10), h.Call.Record.AnsweredAt);
        Assert.Equal(2.0m, h.Call.Record.Rings);
    }

    [Fact]
    public void The_greeting_finishing_changes_no_record_field()
    {
        var h = new CallHarness().AutoAnswer();
        CallSnapshot before = h.Call.Record;

        h.Handle(new GreetingFinished());

        Assert.Empty(h.Commands);
        Assert.False(h.Call.IsGreetingPlaying);
        Assert.Equal(CallState.AutoAnswered, h.Call.State);
        Assert.Equal(before, h.Call.Record);
    }

    [Fact]
    public async Task On_the_system_clock_the_auto_answer_comes_no_earlier_than_its_instant()
    {
        // Real timers may fire late; a tick that comes early (by the monotonic clock) is re-armed.
        var answered = new TaskCompletionSource<CallSnapshot>(TaskCreationOptions.RunContinuationsAsynchronously);
        var call = new Call("real-time", new CallPlan(RingCadence.Custom([50, 50]), 2), TimeProvider.System, command =>
        {
            if (command is RecordChanged { State: CallState.AutoAnswered } changed)
            {
                answered.TrySetResult(changed.Record);
            }
        });

        call.Handle(new RingingStarted());
        CallSnapshot record = await answered.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.True(record.AnsweredAt - record.RingStartedAt >= TimeSpan.FromMilliseconds(200));
        Assert.True(record.Rings >= 2.0m);
        Assert.Equal(CallState.AutoAnswered, call.State);
    }
}
