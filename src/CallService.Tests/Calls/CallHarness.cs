using CallService.Calls;
using CallService.Lines;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Calls;

/// <summary>One call on fake time with its commands recorded; times are given from the ring start.</summary>
internal sealed class CallHarness
{
    /// <summary>When the INVITE arrives.</summary>
    public static readonly DateTimeOffset InviteAt = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    /// <summary>INVITE to first ringback packet: rings must not count this.</summary>
    public static readonly TimeSpan SetupDelay = TimeSpan.FromMilliseconds(300);

    /// <summary>The caller of every harness call unless a test gives another: can be called back.</summary>
    public static readonly CallIdentity Caller = new("13800138000", "王先生", "sales");

    public CallHarness(
        RingCadence? cadence = null,
        int autoAnswerAfterRings = 2,
        bool agentsExpected = false,
        Action<Call, CallCommand>? onCommand = null,
        CallIdentity? identity = null,
        Func<CallPlan, CallPlan>? plan = null)
    {
        CallPlan basePlan = new(cadence ?? RingCadence.China, autoAnswerAfterRings, agentsExpected);
        Call = new Call("call-1", identity ?? Caller, plan is null ? basePlan : plan(basePlan), Time, command =>
        {
            Commands.Add(command);
            onCommand?.Invoke(Call!, command);
        });
    }

    public FakeTimeProvider Time { get; } = new(InviteAt);

    public Call Call { get; }

    public List<CallCommand> Commands { get; } = [];

    /// <summary>The first ringback packet: rings count from here.</summary>
    public DateTimeOffset RingAt => InviteAt + SetupDelay;

    /// <summary>The instant <paramref name="seconds"/> after ringing started.</summary>
    public DateTimeOffset At(double seconds) => RingAt + TimeSpan.FromSeconds(seconds);

    /// <summary>Moves fake time forward to <paramref name="seconds"/> after ringing started.</summary>
    public void AdvanceTo(double seconds)
    {
        TimeSpan step = At(seconds) - Time.GetUtcNow();
        Assert.True(step >= TimeSpan.Zero, "time only moves forward");
        Time.Advance(step);
    }

    /// <summary>Setup delay, then ringing starts; the commands so far are cleared.</summary>
    public CallHarness Ring()
    {
        Time.Advance(SetupDelay);
        Call.Handle(new RingingStarted());
        Commands.Clear();
        return this;
    }

    /// <summary>Rings, and lets the service auto-answer at its limit.</summary>
    public CallHarness AutoAnswer()
    {
        Ring();
        Time.Advance(Call.AutoAnswerDueAt!.Value - Time.GetUtcNow());
        Assert.Equal(CallState.AutoAnswered, Call.State);
        Commands.Clear();
        return this;
    }

    /// <summary>Rings, and alice answers at 4 s; the commands so far are cleared.</summary>
    public CallHarness Connect()
    {
        Ring();
        AdvanceTo(4);
        Handle(new AgentAnswered("alice"));
        Assert.Equal(CallState.Connected, Call.State);
        Commands.Clear();
        return this;
    }

    /// <summary>When the current hold began (set by <see cref="HoldAt"/>).</summary>
    public DateTimeOffset HoldStart { get; private set; }

    /// <summary>Moves to <paramref name="seconds"/> after ringing started and has the agent put the caller on hold there.</summary>
    public CallHarness HoldAt(double seconds)
    {
        AdvanceTo(seconds);
        HoldStart = Time.GetUtcNow();
        Handle(new CallerPutOnHold());
        Assert.Equal(CallState.Held, Call.State);
        Commands.Clear();
        return this;
    }

    /// <summary>The instant <paramref name="seconds"/> into the current hold.</summary>
    public DateTimeOffset Held(double seconds) => HoldStart + TimeSpan.FromSeconds(seconds);

    /// <summary>Moves fake time forward to <paramref name="seconds"/> into the current hold.</summary>
    public void AdvanceToHeld(double seconds)
    {
        TimeSpan step = Held(seconds) - Time.GetUtcNow();
        Assert.True(step >= TimeSpan.Zero, "time only moves forward");
        Time.Advance(step);
    }

    public void Handle(CallEvent callEvent) => Call.Handle(callEvent);

    /// <summary>The commands recorded so far, then forgets them.</summary>
    public List<CallCommand> Take()
    {
        List<CallCommand> taken = [.. Commands];
        Commands.Clear();
        return taken;
    }

    /// <summary>The record of the last RecordChanged command.</summary>
    public CallSnapshot LastRecord => Commands.OfType<RecordChanged>().Last().Record;
}
