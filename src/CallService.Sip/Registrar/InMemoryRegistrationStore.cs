using CallService.Sip.Transactions;

namespace CallService.Sip.Registrar;

/// <summary>
/// The bindings of one node in memory. Expiry runs on a <see cref="SipTimerQueue"/> (one timer per
/// binding in a priority queue, armed on the injected <see cref="TimeProvider"/>): nothing scans all
/// bindings, and a FakeTimeProvider drives expiry in tests. Reads also hide a binding whose expiry
/// has passed but whose timer has not run yet. Thread-safe.
/// </summary>
public sealed class InMemoryRegistrationStore : IRegistrationStore, IDisposable
{
    private readonly Dictionary<string, List<Slot>> _bindings = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private readonly TimeProvider _time;
    private readonly SipTimerQueue _timers;
    private readonly bool _ownsTimers;
    private long _lastId;

    /// <param name="time">The clock expiry reads.</param>
    /// <param name="timers">A timer queue to share (e.g. the stack's); null creates one owned by the store.</param>
    public InMemoryRegistrationStore(TimeProvider time, SipTimerQueue? timers = null)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
        _ownsTimers = timers is null;
        _timers = timers ?? new SipTimerQueue(time);
    }

    /// <inheritdoc />
    public event Action<BindingChange>? Changed;

    /// <summary>Number of live bindings.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                DateTimeOffset now = _time.GetUtcNow();
                return _bindings.Values.Sum(slots => slots.Count(s => s.Binding.ExpiresAt > now));
            }
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SipBinding> GetBindings(string addressOfRecord)
    {
        ArgumentNullException.ThrowIfNull(addressOfRecord);
        lock (_gate)
        {
            return _bindings.TryGetValue(addressOfRecord, out List<Slot>? slots) ? Live(slots, _time.GetUtcNow()) : [];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SipBinding> GetAll()
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            return [.. _bindings.Values.SelectMany(slots => Live(slots, now))];
        }
    }

    /// <inheritdoc />
    public IReadOnlyList<SipBinding>? Update(string addressOfRecord, Func<IReadOnlyList<SipBinding>, IReadOnlyList<SipBinding>?> update)
    {
        ArgumentNullException.ThrowIfNull(addressOfRecord);
        ArgumentNullException.ThrowIfNull(update);
        var changes = new List<BindingChange>();
        IReadOnlyList<SipBinding> committed;
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            List<Slot> slots = _bindings.TryGetValue(addressOfRecord, out List<Slot>? existing) ? existing : [];
            ExpireDue(addressOfRecord, slots, now, changes);
            IReadOnlyList<SipBinding>? next = update(Live(slots, now));
            if (next is null)
            {
                Raise(changes);
                return null;
            }

            var kept = new List<Slot>(next.Count);
            foreach (SipBinding wanted in next)
            {
                if (!string.Equals(wanted.AddressOfRecord, addressOfRecord, StringComparison.Ordinal))
                {
                    throw new ArgumentException($"A binding of {wanted.AddressOfRecord} was returned for {addressOfRecord}.", nameof(update));
                }

                if (kept.Find(s => s.Binding.IsFor(wanted.ContactUri)) is { } twice)
                {
                    // The same contact twice in one update: the later one wins.
                    twice.Binding = wanted with { Id = twice.Binding.Id };
                    ReplaceChange(changes, twice.Binding);
                    Arm(twice, now);
                    continue;
                }

                Slot? slot = slots.Find(s => s.Binding.IsFor(wanted.ContactUri));
                if (slot is null)
                {
                    slot = new Slot(addressOfRecord, wanted with { Id = ++_lastId });
                    changes.Add(new BindingChange(BindingChangeKind.Added, slot.Binding));
                }
                else if (wanted with { Id = slot.Binding.Id } == slot.Binding)
                {
                    // Returned unchanged (a query): no event, the expiry timer stays.
                    kept.Add(slot);
                    continue;
                }
                else
                {
                    slot.Binding = wanted with { Id = slot.Binding.Id };
                    changes.Add(new BindingChange(BindingChangeKind.Refreshed, slot.Binding));
                }

                kept.Add(slot);
                Arm(slot, now);
            }

            foreach (Slot slot in slots)
            {
                if (!kept.Contains(slot))
                {
                    slot.Timer?.Cancel();
                    changes.Add(new BindingChange(BindingChangeKind.Removed, slot.Binding, BindingRemovalReason.Unregistered));
                }
            }

            if (kept.Count == 0)
            {
                _bindings.Remove(addressOfRecord);
            }
            else
            {
                _bindings[addressOfRecord] = kept;
            }

            committed = [.. kept.Select(s => s.Binding)];
        }

        Raise(changes);
        return committed;
    }

    /// <inheritdoc />
    public bool SetReachable(string addressOfRecord, long bindingId, bool reachable)
    {
        ArgumentNullException.ThrowIfNull(addressOfRecord);
        BindingChange? change = null;
        lock (_gate)
        {
            if (!_bindings.TryGetValue(addressOfRecord, out List<Slot>? slots)
                || slots.Find(s => s.Binding.Id == bindingId) is not { } slot
                || slot.Binding.ExpiresAt <= _time.GetUtcNow())
            {
                return false;
            }

            if (slot.Binding.IsReachable != reachable)
            {
                slot.Binding = slot.Binding with { IsReachable = reachable };
                change = new BindingChange(BindingChangeKind.ReachabilityChanged, slot.Binding);
            }
        }

        if (change is not null)
        {
            Changed?.Invoke(change);
        }

        return true;
    }

    public void Dispose()
    {
        if (_ownsTimers)
        {
            _timers.Dispose();
        }
    }

    private static SipBinding[] Live(List<Slot> slots, DateTimeOffset now) =>
        [.. slots.Where(s => s.Binding.ExpiresAt > now).Select(s => s.Binding)];

    // Called under _gate: one expiry timer per binding, re-armed on every refresh.
    private void Arm(Slot slot, DateTimeOffset now)
    {
        slot.Timer?.Cancel();
        slot.Timer = _timers.Schedule(slot.Binding.ExpiresAt - now, static state =>
        {
            var (store, expiring) = ((InMemoryRegistrationStore, Slot))state!;
            store.OnExpiryTimer(expiring);
        }, (this, slot));
    }

    private static void ReplaceChange(List<BindingChange> changes, SipBinding binding)
    {
        int i = changes.FindLastIndex(c => c.Binding.Id == binding.Id);
        changes[i] = changes[i] with { Binding = binding };
    }

    private void OnExpiryTimer(Slot slot)
    {
        var changes = new List<BindingChange>(1);
        lock (_gate)
        {
            if (_bindings.TryGetValue(slot.AddressOfRecord, out List<Slot>? slots))
            {
                ExpireDue(slot.AddressOfRecord, slots, _time.GetUtcNow(), changes);
            }
        }

        Raise(changes);
    }

    // Called under _gate: removes the bindings of one AOR whose expiry has passed (RFC 3261 10.2.1).
    private void ExpireDue(string addressOfRecord, List<Slot> slots, DateTimeOffset now, List<BindingChange> changes)
    {
        for (int i = slots.Count - 1; i >= 0; i--)
        {
            if (slots[i].Binding.ExpiresAt <= now)
            {
                slots[i].Timer?.Cancel();
                changes.Insert(0, new BindingChange(BindingChangeKind.Removed, slots[i].Binding, BindingRemovalReason.Expired));
                slots.RemoveAt(i);
            }
        }

        if (slots.Count == 0)
        {
            _bindings.Remove(addressOfRecord);
        }
    }

    private void Raise(List<BindingChange> changes)
    {
        Action<BindingChange>? handler = Changed;
        if (handler is null)
        {
            return;
        }

        foreach (BindingChange change in changes)
        {
            handler(change);
        }
    }

    private sealed class Slot(string addressOfRecord, SipBinding binding)
    {
        public string AddressOfRecord { get; } = addressOfRecord;

        public SipBinding Binding { get; set; } = binding;

        public SipTimerHandle? Timer { get; set; }
    }
}
