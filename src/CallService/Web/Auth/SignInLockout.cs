namespace CallService.Web.Auth;

/// <summary>
/// Counts failed sign-ins per user name and locks a name out for a while after too many in a row
/// (Web:MaxFailedSignIns, Web:LockoutMinutes). Time comes from the injected <see cref="TimeProvider"/>.
/// Only configured names are tracked, so unknown names cannot grow the table. Thread-safe.
/// </summary>
public sealed class SignInLockout
{
    private readonly Dictionary<string, Entry> _entries = new(StringComparer.OrdinalIgnoreCase);
    private readonly Lock _gate = new();
    private readonly int _maxFailures;
    private readonly TimeSpan _duration;
    private readonly TimeProvider _time;

    /// <param name="maxFailures">Failures in a row that lock a name out.</param>
    /// <param name="duration">How long the lockout lasts.</param>
    /// <param name="time">The clock.</param>
    public SignInLockout(int maxFailures, TimeSpan duration, TimeProvider time)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxFailures, 1);
        ArgumentNullException.ThrowIfNull(time);
        _maxFailures = maxFailures;
        _duration = duration;
        _time = time;
    }

    /// <summary>When the lockout of <paramref name="userName"/> ends, or null when it may try now.</summary>
    public DateTimeOffset? LockedUntil(string userName)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            return _entries.TryGetValue(userName, out Entry? entry) && entry.LockedUntil is { } until && until > now ? until : null;
        }
    }

    /// <summary>Counts a failure; returns when the lockout ends if this failure started one.</summary>
    public DateTimeOffset? Failed(string userName)
    {
        lock (_gate)
        {
            DateTimeOffset now = _time.GetUtcNow();
            if (!_entries.TryGetValue(userName, out Entry? entry) || entry.LockedUntil <= now)
            {
                // First failure, or the previous lockout is over: counting starts again.
                entry = new Entry();
                _entries[userName] = entry;
            }
            entry.Failures++;
            if (entry.Failures >= _maxFailures)
            {
                entry.LockedUntil = now + _duration;
                return entry.LockedUntil;
            }
            return null;
        }
    }

    /// <summary>A successful sign-in clears the count.</summary>
    public void Succeeded(string userName)
    {
        lock (_gate)
        {
            _entries.Remove(userName);
        }
    }

    private sealed class Entry
    {
        public int Failures { get; set; }

        public DateTimeOffset? LockedUntil { get; set; }
    }
}
