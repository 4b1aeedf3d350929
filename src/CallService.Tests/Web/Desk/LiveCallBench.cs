using CallService.Calls;
using CallService.Engine;
using CallService.Lines;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Web.Desk;

/// <summary>
/// Real <see cref="Call"/> state machines on fake time, published as the engine publishes them
/// (<see cref="ILiveCalls"/>): at start and at every RecordChanged, with the call's own timer instants.
/// </summary>
internal sealed class LiveCallBench : ILiveCalls
{
    public static readonly DateTimeOffset Now0 = new(2026, 11, 27, 2, 0, 0, TimeSpan.Zero);

    private readonly List<Call> _calls = [];
    private long _version;

    public FakeTimeProvider Time { get; } = new(Now0);

    public static SalesLine Line(string number, string name, int lookupSeconds = 30) => SalesLine.From(new LineOptions
    {
        Number = number,
        DisplayName = name,
        Desk = "front-desk",
        GreetingPrompt = "prompts/greeting.wav",
        GreetingScript = $"您好,{name}!",
        HoldAudio = "prompts/hold.wav",
        LookupCallbackSeconds = lookupSeconds,
    });

    public event Action<LiveCall>? CallChanged;

    public IReadOnlyList<LiveCall> LiveCalls()
    {
        lock (_calls)
        {
            return [.. _calls.Where(c => c.State != CallState.Ended).Select(c => View(c, c.State, c.Record))];
        }
    }

    /// <summary>An INVITE to <paramref name="line"/>: the call is offered, then rings (the first ringback packet).</summary>
    public Call Ring(string callId, SalesLine line, string caller, bool agentsExpected = true)
    {
        Call? call = null;
        call = new Call(callId, new CallIdentity(caller, null, line.Number), CallPlan.For(line, agentsExpected), Time, command =>
        {
            if (command is RecordChanged changed)
            {
                CallChanged?.Invoke(View(call!, changed.State, changed.Record));
            }
        });
        _lines[callId] = line;
        lock (_calls)
        {
            _calls.Add(call);
        }
        CallChanged?.Invoke(View(call, call.State, call.Record));
        call.Handle(new RingingStarted());
        return call;
    }

    private readonly Dictionary<string, SalesLine> _lines = [];

    private LiveCall View(Call call, CallState state, CallSnapshot record) => new(
        call.Id, _lines[call.Id], call.Identity.CallerNumber, null, state, record,
        state == CallState.AutoAnswered && call.AgentsExpected, call.AutoAnswerDueAt, call.HeldSince, call.CallbackOfferDueAt,
        Interlocked.Increment(ref _version));
}
