using System.Buffers.Binary;
using System.Net;
using System.Net.Sockets;

namespace CallService.Sip.Auth;

/// <summary>
/// Slows down password guessing and floods of bad REGISTERs: a source address with
/// <see cref="AuthFailureThrottleOptions.MaxFailures"/> failed authentications within
/// <see cref="AuthFailureThrottleOptions.Window"/> is blocked for
/// <see cref="AuthFailureThrottleOptions.BlockDuration"/>. Time comes from the injected
/// <see cref="TimeProvider"/>; memory is bounded by <see cref="AuthFailureThrottleOptions.MaxTrackedSources"/>.
/// Thread-safe. This is a last line on one node: spoofed UDP floods belong to Kamailio (pike)
/// or the firewall in front.
/// </summary>
public sealed class AuthFailureThrottle
{
    private readonly AuthFailureThrottleOptions _options;
    private readonly TimeProvider _time;
    private readonly Dictionary<UInt128, Source> _sources = [];
    private readonly Lock _lock = new();
    private readonly UInt128 _ipv6Mask;

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public AuthFailureThrottle(AuthFailureThrottleOptions options, TimeProvider time)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(time);
        Validate(options);
        _options = options;
        _time = time;
        _ipv6Mask = options.Ipv6PrefixLength == 0 ? UInt128.Zero : UInt128.MaxValue << (128 - options.Ipv6PrefixLength);
    }

    /// <summary>Sources currently tracked (for metrics and tests).</summary>
    public int TrackedSourceCount
    {
        get
        {
            lock (_lock)
            {
                return _sources.Count;
            }
        }
    }

    /// <summary>Called for each request needing authentication, before any work: answer it, answer 403 once, or drop it.</summary>
    public AuthThrottleDecision Check(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        long now = _time.GetTimestamp();
        lock (_lock)
        {
            if (!_sources.TryGetValue(KeyOf(source), out Source? state) || !IsBlocked(state, now))
            {
                return AuthThrottleDecision.Answer;
            }

            if (state.ForbidSent)
            {
                return AuthThrottleDecision.Drop;
            }

            state.ForbidSent = true;
            return AuthThrottleDecision.Forbid;
        }
    }

    /// <summary>True while <paramref name="source"/> is blocked.</summary>
    public bool IsBlocked(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        long now = _time.GetTimestamp();
        lock (_lock)
        {
            return _sources.TryGetValue(KeyOf(source), out Source? state) && IsBlocked(state, now);
        }
    }

    /// <summary>
    /// Records a failed authentication (see <see cref="DigestVerification.IsCredentialFailure"/>).
    /// Returns true when the source is blocked after it.
    /// </summary>
    public bool RecordFailure(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        long now = _time.GetTimestamp();
        UInt128 key = KeyOf(source);
        lock (_lock)
        {
            if (!_sources.TryGetValue(key, out Source? state))
            {
                MakeRoom(now);
                state = new Source(_options.MaxFailures);
                _sources[key] = state;
            }

            state.LastSeen = now;
            if (IsBlocked(state, now))
            {
                // Failures while blocked do not extend the block: the cool-down stays predictable.
                return true;
            }

            // Sliding window: a ring of the last MaxFailures failure times. Once the ring is full,
            // the slot about to be overwritten next holds the oldest of them; if it is still inside
            // the window, MaxFailures failures fell within the window.
            state.Failures[state.Next] = now;
            state.Next = (state.Next + 1) % state.Failures.Length;
            state.Count = Math.Min(state.Count + 1, state.Failures.Length);
            if (state.Count < state.Failures.Length
                || _time.GetElapsedTime(state.Failures[state.Next], now) >= _options.Window)
            {
                return false;
            }

            state.BlockedAt = now;
            state.IsBlockActive = true;
            state.ForbidSent = false;
            state.Count = 0;
            return true;
        }
    }

    /// <summary>Records a successful authentication: the source's failures are forgotten (a block stays until it ends).</summary>
    public void RecordSuccess(IPAddress source)
    {
        ArgumentNullException.ThrowIfNull(source);
        long now = _time.GetTimestamp();
        lock (_lock)
        {
            UInt128 key = KeyOf(source);
            if (_sources.TryGetValue(key, out Source? state) && !IsBlocked(state, now))
            {
                _sources.Remove(key);
            }
        }
    }

    private bool IsBlocked(Source state, long now)
    {
        if (!state.IsBlockActive)
        {
            return false;
        }

        if (_time.GetElapsedTime(state.BlockedAt, now) < _options.BlockDuration)
        {
            return true;
        }

        // The cool-down is over: start afresh.
        state.IsBlockActive = false;
        state.ForbidSent = false;
        state.Count = 0;
        return false;
    }

    private bool IsIdle(Source state, long now) =>
        !IsBlocked(state, now) && _time.GetElapsedTime(state.LastSeen, now) >= _options.Window;

    private void MakeRoom(long now)
    {
        if (_sources.Count < _options.MaxTrackedSources)
        {
            return;
        }

        foreach ((UInt128 key, Source state) in _sources)
        {
            if (IsIdle(state, now))
            {
                _sources.Remove(key);
            }
        }

        if (_sources.Count < _options.MaxTrackedSources)
        {
            return;
        }

        // Still full: evict an eighth, unblocked sources first, least recently seen first.
        int evict = Math.Max(1, _options.MaxTrackedSources / 8);
        UInt128[] victims =
        [
            .. _sources
                .OrderBy(pair => pair.Value.IsBlockActive)
                .ThenBy(pair => pair.Value.LastSeen)
                .Take(evict)
                .Select(pair => pair.Key),
        ];
        foreach (UInt128 key in victims)
        {
            _sources.Remove(key);
        }
    }

    // IPv4 (and IPv4-mapped IPv6) as ::ffff:a.b.c.d; other IPv6 masked to the configured prefix.
    private UInt128 KeyOf(IPAddress address)
    {
        if (address.IsIPv4MappedToIPv6)
        {
            address = address.MapToIPv4();
        }

        Span<byte> bytes = stackalloc byte[16];
        if (address.AddressFamily == AddressFamily.InterNetwork)
        {
            address.TryWriteBytes(bytes[12..], out _);
            bytes[10] = 0xFF;
            bytes[11] = 0xFF;
            return BinaryPrimitives.ReadUInt128BigEndian(bytes);
        }

        address.TryWriteBytes(bytes, out _);
        return BinaryPrimitives.ReadUInt128BigEndian(bytes) & _ipv6Mask;
    }

    private static void Validate(AuthFailureThrottleOptions options)
    {
        if (options.MaxFailures < 1)
        {
            throw new ArgumentException("AuthFailureThrottleOptions.MaxFailures must be at least 1.", nameof(options));
        }

        if (options.Window <= TimeSpan.Zero || options.BlockDuration <= TimeSpan.Zero)
        {
            throw new ArgumentException("AuthFailureThrottleOptions.Window and BlockDuration must be positive.", nameof(options));
        }

        if (options.MaxTrackedSources < 1)
        {
            throw new ArgumentException("AuthFailureThrottleOptions.MaxTrackedSources must be at least 1.", nameof(options));
        }

        if (options.Ipv6PrefixLength is < 0 or > 128)
        {
            throw new ArgumentException("AuthFailureThrottleOptions.Ipv6PrefixLength must be between 0 and 128.", nameof(options));
        }
    }

    private sealed class Source(int maxFailures)
    {
        public long[] Failures { get; } = new long[maxFailures];

        public int Next { get; set; }

        public int Count { get; set; }

        public long LastSeen { get; set; }

        /// <summary>When the block started (meaningful while <see cref="IsBlockActive"/>).</summary>
        public long BlockedAt { get; set; }

        public bool IsBlockActive { get; set; }

        public bool ForbidSent { get; set; }
    }
}
