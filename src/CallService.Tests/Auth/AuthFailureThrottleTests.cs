using System.Net;
using CallService.Sip.Auth;
using Microsoft.Extensions.Time.Testing;

namespace CallService.Tests.Auth;

public class AuthFailureThrottleTests
{
    private static readonly IPAddress Attacker = IPAddress.Parse("203.0.113.7");
    private static readonly IPAddress Agent = IPAddress.Parse("192.0.2.10");

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2025, 3, 1, 9, 0, 0, TimeSpan.Zero));

    private AuthFailureThrottle NewThrottle(int maxFailures = 5, int maxSources = 10_000) => new(
        new AuthFailureThrottleOptions
        {
            MaxFailures = maxFailures,
            Window = TimeSpan.FromMinutes(1),
            BlockDuration = TimeSpan.FromMinutes(5),
            MaxTrackedSources = maxSources,
        },
        _time);

    [Fact]
    public void Blocks_after_max_failures_within_the_window_then_forbids_once_and_drops()
    {
        AuthFailureThrottle throttle = NewThrottle();
        for (int i = 0; i < 4; i++)
        {
            Assert.False(throttle.RecordFailure(Attacker));
            _time.Advance(TimeSpan.FromSeconds(10));
        }

        Assert.Equal(AuthThrottleDecision.Answer, throttle.Check(Attacker));
        Assert.True(throttle.RecordFailure(Attacker));

        Assert.True(throttle.IsBlocked(Attacker));
        Assert.Equal(AuthThrottleDecision.Forbid, throttle.Check(Attacker));
        Assert.Equal(AuthThrottleDecision.Drop, throttle.Check(Attacker));
        Assert.Equal(AuthThrottleDecision.Drop, throttle.Check(Attacker));
        Assert.Equal(AuthThrottleDecision.Answer, throttle.Check(Agent));
    }

    [Fact]
    public void Releases_after_the_cool_down_with_a_clean_slate()
    {
        AuthFailureThrottle throttle = NewThrottle();
        for (int i = 0; i < 5; i++)
        {
            throttle.RecordFailure(Attacker);
        }

        _time.Advance(TimeSpan.FromMinutes(5) - TimeSpan.FromMilliseconds(1));
        Assert.Equal(AuthThrottleDecision.Forbid, throttle.Check(Attacker));

        // Failures while blocked do not extend the block.
        Assert.True(throttle.RecordFailure(Attacker));
        _time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.False(throttle.IsBlocked(Attacker));
        Assert.Equal(AuthThrottleDecision.Answer, throttle.Check(Attacker));
        Assert.False(throttle.RecordFailure(Attacker));
        Assert.Equal(AuthThrottleDecision.Answer, throttle.Check(Attacker));
    }

    [Fact]
    public void Failures_spread_wider_than_the_window_do_not_block()
    {
        AuthFailureThrottle throttle = NewThrottle();
        for (int i = 0; i < 20; i++)
        {
            Assert.False(throttle.RecordFailure(Attacker));
            _time.Advance(TimeSpan.FromSeconds(15)); // 5 failures span exactly 60 s: never within the window
        }

        Assert.Equal(AuthThrottleDecision.Answer, throttle.Check(Attacker));
    }

    [Fact]
    public void The_window_slides()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 3);
        throttle.RecordFailure(Attacker);             // t = 0
        _time.Advance(TimeSpan.FromSeconds(50));
        throttle.RecordFailure(Attacker);             // t = 50
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.False(throttle.RecordFailure(Attacker)); // t = 70: the first has left the window
        _time.Advance(TimeSpan.FromSeconds(20));
        Assert.True(throttle.RecordFailure(Attacker));  // t = 90: 50, 70, 90 within 60 s
    }

    [Fact]
    public void Success_forgets_earlier_failures()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 3);
        throttle.RecordFailure(Agent);
        throttle.RecordFailure(Agent);

        throttle.RecordSuccess(Agent);

        Assert.False(throttle.RecordFailure(Agent));
        Assert.False(throttle.RecordFailure(Agent));
        Assert.True(throttle.RecordFailure(Agent));
    }

    [Fact]
    public void Ipv6_sources_are_grouped_by_their_64_bit_prefix_and_mapped_ipv4_is_ipv4()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 2);

        throttle.RecordFailure(IPAddress.Parse("2001:db8:1:2::1"));
        Assert.True(throttle.RecordFailure(IPAddress.Parse("2001:db8:1:2:ffff::99")));
        Assert.True(throttle.IsBlocked(IPAddress.Parse("2001:db8:1:2::abcd")));
        Assert.False(throttle.IsBlocked(IPAddress.Parse("2001:db8:1:3::1")));

        throttle.RecordFailure(Attacker);
        Assert.True(throttle.RecordFailure(Attacker.MapToIPv6()));
        Assert.True(throttle.IsBlocked(Attacker));
    }

    [Fact]
    public void Memory_stays_bounded_under_a_flood_of_sources()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 2, maxSources: 64);

        for (int i = 0; i < 5000; i++)
        {
            throttle.RecordFailure(new IPAddress([10, (byte)(i >> 16), (byte)(i >> 8), (byte)i]));
        }

        Assert.InRange(throttle.TrackedSourceCount, 1, 64);
    }

    [Fact]
    public void Blocked_sources_are_evicted_after_unblocked_ones()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 2, maxSources: 8);
        throttle.RecordFailure(Attacker);
        Assert.True(throttle.RecordFailure(Attacker));

        // A crowd of newer sources with one failure each forces evictions; the blocked source stays.
        for (int i = 0; i < 40; i++)
        {
            _time.Advance(TimeSpan.FromMilliseconds(100));
            Assert.False(throttle.RecordFailure(new IPAddress([10, 0, 0, (byte)i])));
        }

        Assert.InRange(throttle.TrackedSourceCount, 1, 8);
        Assert.True(throttle.IsBlocked(Attacker));
    }

    [Fact]
    public void Idle_sources_are_swept_when_room_is_needed()
    {
        AuthFailureThrottle throttle = NewThrottle(maxFailures: 5, maxSources: 4);
        for (int i = 0; i < 4; i++)
        {
            throttle.RecordFailure(new IPAddress([10, 0, 0, (byte)i]));
        }

        _time.Advance(TimeSpan.FromMinutes(1));
        throttle.RecordFailure(Agent);

        Assert.Equal(1, throttle.TrackedSourceCount);
    }

    [Fact]
    public void Invalid_options_are_refused()
    {
        Assert.Throws<ArgumentException>(() => new AuthFailureThrottle(new AuthFailureThrottleOptions { MaxFailures = 0 }, _time));
        Assert.Throws<ArgumentException>(() => new AuthFailureThrottle(new AuthFailureThrottleOptions { Window = TimeSpan.Zero }, _time));
        Assert.Throws<ArgumentException>(() => new AuthFailureThrottle(new AuthFailureThrottleOptions { MaxTrackedSources = 0 }, _time));
        Assert.Throws<ArgumentException>(() => new AuthFailureThrottle(new AuthFailureThrottleOptions { Ipv6PrefixLength = 129 }, _time));
    }
}
