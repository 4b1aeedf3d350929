using CallService.Sip.Rtp;

namespace CallService.Tests.Rtp;

public class RtpPortAllocatorTests
{
    [Fact]
    public void Hands_out_even_ports_in_pairs_round_robin()
    {
        var ports = new RtpPortAllocator(10001, 10010); // rounds to 10002; pairs 10002..10009
        Assert.Equal(10002, ports.MinPort);
        Assert.Equal(10009, ports.MaxPort);
        Assert.Equal(4, ports.Capacity);

        var taken = new List<int>();
        while (ports.TryAllocate(out int port))
        {
            taken.Add(port);
        }

        Assert.Equal([10002, 10004, 10006, 10008], taken);
        Assert.Equal(4, ports.Allocated);

        ports.Release(10004);
        Assert.True(ports.TryAllocate(out int reused));
        Assert.Equal(10004, reused);
        Assert.False(ports.TryAllocate(out _));
    }

    [Fact]
    public void Freed_ports_are_reused_as_late_as_possible()
    {
        var ports = new RtpPortAllocator(20000, 20007);
        Assert.True(ports.TryAllocate(out int first));
        ports.Release(first);
        Assert.True(ports.TryAllocate(out int second));
        Assert.NotEqual(first, second);
    }

    [Fact]
    public void Releasing_foreign_or_odd_ports_is_ignored()
    {
        var ports = new RtpPortAllocator(20000, 20003);
        Assert.True(ports.TryAllocate(out _));
        ports.Release(20001);
        ports.Release(19998);
        ports.Release(20002); // not handed out
        Assert.Equal(1, ports.Allocated);
    }

    [Fact]
    public void A_range_without_a_pair_is_refused() =>
        Assert.Throws<ArgumentException>(() => new RtpPortAllocator(20001, 20002));
}
