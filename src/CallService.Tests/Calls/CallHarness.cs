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

    public CallHarness(RingCadence? cadence = null, int autoAnswerAfterRings = 2, bool agentsExpected = false, Action<Call, CallCommand>? onCommand = null)
    {
        Call = new Call("call-1", new CallPlan(cadence ?? RingCadence.China, autoAnswerAfterRings, agentsExpected), Time, command =>
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
