namespace CallService.Sip.Auth;

/// <summary>What the replay table says about one use of a nonce.</summary>
internal enum NonceUse
{
    /// <summary>First use of this nc (or of this nonce without qop): accept.</summary>
    Accepted,

    /// <summary>The nc is not above the highest seen, or a no-qop nonce is used again.</summary>
    Replay,

    /// <summary>
    /// The table cannot vouch for this nonce: it was issued before this process started or its
    /// entry was evicted under memory pressure. The client must fetch a fresh nonce (stale=true).
    /// </summary>
    Forgotten,
}

/// <summary>
/// Replay protection for digest nonces (RFC 7616 3.3: the server should check nc to detect
/// replays; RFC 7616 5.5). Keeps, per nonce that has authenticated a request, the highest nc
/// seen. Memory is bounded: entries of expired nonces are swept (an expired nonce is answered
/// Stale before this table is consulted), and if the table is still full the oldest entries are
/// evicted and every nonce issued up to the newest evicted one is "forgotten", so eviction can
/// never reopen a replay window. Thread-safe.
/// </summary>
internal sealed class NonceUseTracker
{
    // A nonce used without qop is single-use: its entry is marked with the highest possible nc.
    private const uint Consumed = uint.MaxValue;

    private readonly Dictionary<string, Entry> _entries = new(StringComparer.Ordinal);
    private readonly Lock _lock = new();
    private readonly int _capacity;
    private readonly long _retentionMs;
    private long _forgottenThroughMs;
    private long _lastSweepMs;

    /// <param name="capacity">Most nonces tracked at once.</param>
    /// <param name="retention">How long after issue a nonce can still be accepted (lifetime plus clock skew).</param>
    /// <param name="startedAtUnixMs">Nonces issued before this instant are forgotten (a restart loses the table).</param>
    public NonceUseTracker(int capacity, TimeSpan retention, long startedAtUnixMs)
    {
        _capacity = capacity;
        _retentionMs = (long)retention.TotalMilliseconds;
        _forgottenThroughMs = startedAtUnixMs - 1;
        _lastSweepMs = startedAtUnixMs;
    }

    public int Count
    {
        get
        {
            lock (_lock)
            {
                return _entries.Count;
            }
        }
    }

    /// <summary>Records one use of <paramref name="nonce"/> with <paramref name="nonceCount"/> (null: no qop).</summary>
    public NonceUse TryUse(string nonce, long issuedAtUnixMs, uint? nonceCount, long nowUnixMs)
    {
        lock (_lock)
        {
            if (_entries.TryGetValue(nonce, out Entry entry))
            {
                // RFC 7616 3.4: nc counts the requests sent with this nonce; a value not above the
                // highest seen is a replay. Without qop there is no nc: the nonce was already spent.
                if (nonceCount is not { } nc || entry.HighestNonceCount == Consumed || nc <= entry.HighestNonceCount)
                {
                    return NonceUse.Replay;
                }

                _entries[nonce] = entry with { HighestNonceCount = nc };
                return NonceUse.Accepted;
            }

            if (issuedAtUnixMs <= _forgottenThroughMs)
            {
                return NonceUse.Forgotten;
            }

            if (nonceCount == 0)
            {
                // nc starts at 00000001 (RFC 7616 3.4).
                return NonceUse.Replay;
            }

            MakeRoom(nowUnixMs);
            _entries[nonce] = new Entry(issuedAtUnixMs, nonceCount ?? Consumed);
            return NonceUse.Accepted;
        }
    }

    private void MakeRoom(long nowUnixMs)
    {
        if (_entries.Count < _capacity && nowUnixMs - _lastSweepMs < _retentionMs)
        {
            return;
        }

        _lastSweepMs = nowUnixMs;
        long expiredBeforeMs = nowUnixMs - _retentionMs;
        foreach ((string key, Entry entry) in _entries)
        {
            if (entry.IssuedAtUnixMs < expiredBeforeMs)
            {
                _entries.Remove(key);
            }
        }

        if (_entries.Count < _capacity)
        {
            return;
        }

        // Still full of live nonces: evict the oldest eighth in one go (amortised), and forget
        // everything issued up to the newest evicted entry so none of them can be replayed.
        int evict = Math.Max(1, _capacity / 8);
        KeyValuePair<string, Entry>[] oldest = [.. _entries.OrderBy(e => e.Value.IssuedAtUnixMs).Take(evict)];
        foreach (KeyValuePair<string, Entry> pair in oldest)
        {
            _entries.Remove(pair.Key);
            _forgottenThroughMs = Math.Max(_forgottenThroughMs, pair.Value.IssuedAtUnixMs);
        }
    }

    private readonly record struct Entry(long IssuedAtUnixMs, uint HighestNonceCount);
}
