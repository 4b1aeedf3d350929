using CallService.Sip.Registrar;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Agents;

/// <summary>
/// Every agent's presence, from three sources: the registrar (an agent with no reachable contact is
/// <see cref="AgentState.Offline"/>), the call engine (<see cref="MarkRinging"/>,
/// <see cref="MarkOnCall"/>, <see cref="MarkCallEnded"/>, which starts the wrap-up), and the agent
/// (<see cref="SetAway"/>, <see cref="SetAvailable"/>). The state is derived, in this order:
/// on a call, offline, ringing, wrap-up, away, available. Wrap-up ends on a timer of the injected
/// <see cref="TimeProvider"/>. Thread-safe; <see cref="Changed"/> is raised outside the lock.
/// </summary>
public sealed class AgentPresence : IDisposable
{
    private readonly AgentRoster _roster;
    private readonly IRegistrationStore _store;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly Dictionary<string, Status> _status = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();

    public AgentPresence(AgentRoster roster, IRegistrationStore store, TimeProvider time, ILogger<AgentPresence>? logger = null)
    {
        ArgumentNullException.ThrowIfNull(roster);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(time);
        _roster = roster;
        _store = store;
        _time = time;
        _logger = logger ?? (ILogger)NullLogger.Instance;
        foreach (Agent agent in roster.Agents)
        {
            _status[agent.Id] = new Status(agent) { IsRegistered = HasReachableContact(agent) };
        }

        _store.Changed += OnBindingChanged;
    }

    /// <summary>Raised after an agent's state changed. Handlers must not block.</summary>
    public event Action<AgentPresenceChange>? Changed;

    /// <summary>The state of agent <paramref name="agentId"/>; <see cref="AgentState.Offline"/> for an unknown id.</summary>
    public AgentState GetState(string agentId)
    {
        lock (_gate)
        {
            return _status.TryGetValue(agentId, out Status? status) ? status.State : AgentState.Offline;
        }
    }

    /// <summary>The parts of agent <paramref name="agentId"/>'s presence, or null for an unknown id.</summary>
    public AgentPresenceSnapshot? GetSnapshot(string agentId)
    {
        lock (_gate)
        {
            return _status.TryGetValue(agentId, out Status? s)
                ? new AgentPresenceSnapshot(s.State, s.IsRegistered, s.IsAway, [.. s.Ringing], s.CurrentCall, s.WrapUpEndsAt)
                : null;
        }
    }

    /// <summary>The agent sets themself away. False for an unknown id.</summary>
    public bool SetAway(string agentId) => Change(agentId, s => s.IsAway = true);

    /// <summary>The agent is available again: clears away and ends a running wrap-up early. False for an unknown id.</summary>
    public bool SetAvailable(string agentId) => Change(agentId, s =>
    {
        s.IsAway = false;
        s.EndWrapUp();
    });

    /// <summary>Call <paramref name="callId"/> rings the agent. False for an unknown id.</summary>
    public bool MarkRinging(string agentId, string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return Change(agentId, s => s.Ringing.Add(callId), nameof(MarkRinging), callId);
    }

    /// <summary>The agent answered call <paramref name="callId"/>: on a call until <see cref="MarkCallEnded"/>. False for an unknown id.</summary>
    public bool MarkOnCall(string agentId, string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return Change(agentId, s =>
        {
            s.Ringing.Remove(callId);
            s.CurrentCall = callId;
            s.EndWrapUp();
        }, nameof(MarkOnCall), callId);
    }

    /// <summary>
    /// Call <paramref name="callId"/> ended for the agent: if the agent was on it, the wrap-up starts
    /// (then available); if it only rang (answered elsewhere, or the caller hung up), it just stops ringing.
    /// False for an unknown id.
    /// </summary>
    public bool MarkCallEnded(string agentId, string callId)
    {
        ArgumentNullException.ThrowIfNull(callId);
        return Change(agentId, s =>
        {
            s.Ringing.Remove(callId);
            if (!string.Equals(s.CurrentCall, callId, StringComparison.Ordinal))
            {
                return;
            }

            s.CurrentCall = null;
            if (s.Agent.WrapUp > TimeSpan.Zero)
            {
                StartWrapUp(s);
            }
        }, nameof(MarkCallEnded), callId);
    }

    public void Dispose()
    {
        _store.Changed -= OnBindingChanged;
        lock (_gate)
        {
            foreach (Status status in _status.Values)
            {
                status.EndWrapUp();
            }
        }
    }

    // Called under _gate.
    private void StartWrapUp(Status status)
    {
        status.EndWrapUp();
        status.WrapUpEndsAt = _time.GetUtcNow() + status.Agent.WrapUp;
        status.WrapUpTimer = _time.CreateTimer(static state =>
        {
            var (presence, ending) = ((AgentPresence, Status))state!;
            presence.OnWrapUpTimer(ending);
        }, (this, status), status.Agent.WrapUp, Timeout.InfiniteTimeSpan);
    }

    private void OnWrapUpTimer(Status status) =>
        Change(status.Agent.Id, s =>
        {
            if (s.WrapUpEndsAt is { } end && end <= _time.GetUtcNow())
            {
                s.EndWrapUp();
            }
        });

    private void OnBindingChanged(BindingChange change)
    {
        if (_roster.FindByAddressOfRecord(change.Binding.AddressOfRecord) is not { } agent)
        {
            return;
        }

        // Derived from the store, not from the event: events of concurrent updates may arrive out of order.
        bool registered = HasReachableContact(agent);
        Change(agent.Id, s => s.IsRegistered = registered);
    }

    private bool HasReachableContact(Agent agent) => _store.GetBindings(agent.AddressOfRecord).Any(b => b.IsReachable);

    private bool Change(string agentId, Action<Status> change, string? callEvent = null, string? callId = null)
    {
        ArgumentNullException.ThrowIfNull(agentId);
        AgentPresenceChange? raised = null;
        lock (_gate)
        {
            if (!_status.TryGetValue(agentId, out Status? status))
            {
                if (callEvent is not null)
                {
                    AgentsLog.UnknownAgent(_logger, agentId, callEvent, callId ?? "");
                }

                return false;
            }

            AgentState before = status.State;
            change(status);
            if (status.State != before)
            {
                raised = new AgentPresenceChange(status.Agent.Id, before, status.State);
            }
        }

        if (raised is not null)
        {
            AgentsLog.StateChanged(_logger, raised.AgentId, raised.Current.ToName(), raised.Previous.ToName());
            Changed?.Invoke(raised);
        }

        return true;
    }

    private sealed class Status(Agent agent)
    {
        public Agent Agent { get; } = agent;

        public bool IsRegistered { get; set; }

        public bool IsAway { get; set; }

        public HashSet<string> Ringing { get; } = new(StringComparer.Ordinal);

        public string? CurrentCall { get; set; }

        public DateTimeOffset? WrapUpEndsAt { get; set; }

        public ITimer? WrapUpTimer { get; set; }

        public AgentState State =>
            CurrentCall is not null ? AgentState.OnCall
            : !IsRegistered ? AgentState.Offline
            : Ringing.Count > 0 ? AgentState.Ringing
            : WrapUpEndsAt is not null ? AgentState.WrapUp
            : IsAway ? AgentState.Away
            : AgentState.Available;

        public void EndWrapUp()
        {
            WrapUpTimer?.Dispose();
            WrapUpTimer = null;
            WrapUpEndsAt = null;
        }
    }
}
