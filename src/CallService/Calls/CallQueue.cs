namespace CallService.Calls;

/// <summary>
/// Auto-answered callers waiting for an agent, served in arrival order (first in, first out).
/// The glue enqueues a call when it becomes <see cref="CallState.AutoAnswered"/> with agents expected,
/// removes it when it ends, and takes the head when an agent becomes free. Thread-safe.
/// </summary>
public sealed class CallQueue
{
    private readonly TimeProvider _time;
    private readonly Lock _gate = new();
    private readonly LinkedList<QueuedCall> _order = new();
    private readonly Dictionary<Call, LinkedListNode<QueuedCall>> _nodes = new(ReferenceEqualityComparer.Instance);

    /// <summary>Creates an empty queue reading arrival instants from <paramref name="time"/>.</summary>
    public CallQueue(TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(time);
        _time = time;
    }

    /// <summary>Callers waiting now.</summary>
    public int Count
    {
        get
        {
            lock (_gate)
            {
                return _order.Count;
            }
        }
    }

    /// <summary>Adds a caller at the back. False if it is already queued (it keeps its place).</summary>
    public bool Enqueue(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            if (_nodes.ContainsKey(call))
            {
                return false;
            }
            _nodes.Add(call, _order.AddLast(new QueuedCall(call, _time.GetUtcNow())));
            return true;
        }
    }

    /// <summary>
    /// Takes the caller who has waited longest and is still waiting (AutoAnswered, no agent yet);
    /// callers that ended or were taken meanwhile are dropped on the way.
    /// </summary>
    public bool TryDequeue([System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out QueuedCall? next)
    {
        while (true)
        {
            QueuedCall candidate;
            lock (_gate)
            {
                if (_order.First is not { } head)
                {
                    next = null;
                    return false;
                }
                candidate = head.Value;
                _order.RemoveFirst();
                _nodes.Remove(candidate.Call);
            }
            // The call's state is read outside the queue's lock: the glue may touch the queue from inside
            // a call's sink (under the call's lock), so holding both here could deadlock.
            if (candidate.Call.State == CallState.AutoAnswered)
            {
                next = candidate;
                return true;
            }
        }
    }

    /// <summary>Removes a caller (hung up, or taken by an agent directly). False if it was not queued.</summary>
    public bool Remove(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            if (!_nodes.Remove(call, out LinkedListNode<QueuedCall>? node))
            {
                return false;
            }
            _order.Remove(node);
            return true;
        }
    }

    /// <summary>The caller's place, 1 for the head; 0 if not queued (for "you are caller number 2").</summary>
    public int PositionOf(Call call)
    {
        ArgumentNullException.ThrowIfNull(call);
        lock (_gate)
        {
            if (!_nodes.TryGetValue(call, out LinkedListNode<QueuedCall>? target))
            {
                return 0;
            }
            int position = 1;
            for (LinkedListNode<QueuedCall>? node = _order.First; node != target; node = node!.Next)
            {
                position++;
            }
            return position;
        }
    }

    /// <summary>The waiting callers in serving order.</summary>
    public IReadOnlyList<QueuedCall> Snapshot()
    {
        lock (_gate)
        {
            return [.. _order];
        }
    }
}
