using System.Net;

namespace CallService.Sip.Transport;

public sealed class SipTransportOptionsTests
{
    private static readonly SipEndPoint Listen = new(SipProtocol.Udp, new IPEndPoint(IPAddress.Any, 5060));

    [Fact]
    public void Defaults_with_a_listener_are_valid()
    {
        var options = new SipTransportOptions { ListenEndPoints = [Listen] };

        options.Validate();

        Assert.Equal(4 * 1024 * 1024, options.SocketReceiveBufferSize);
        Assert.Equal(64 * 1024, options.MaxHeaderBlockSize);
        Assert.Equal(65_507, options.MaxDatagramSize);
    }

    public static TheoryData<string, SipTransportOptions> BadOptions() => new()
    {
        { "ListenEndPoints", new SipTransportOptions() },
        { "ListenEndPoints", new SipTransportOptions { ListenEndPoints = [new SipEndPoint(SipProtocol.Tls, new IPEndPoint(IPAddress.Any, 5061))] } },
        { "ListenEndPoints", new SipTransportOptions { ListenEndPoints = [Listen, Listen] } },
        { "ListenEndPoints", new SipTransportOptions { ListenEndPoints = [new SipEndPoint(SipProtocol.Udp, new IPEndPoint(IPAddress.Loopback.MapToIPv6(), 5060))] } },
        { "MaxDatagramSize", new SipTransportOptions { ListenEndPoints = [Listen], MaxDatagramSize = 70_000 } },
        { "MaxHeaderBlockSize", new SipTransportOptions { ListenEndPoints = [Listen], MaxHeaderBlockSize = 10 } },
        { "MaxBodySize", new SipTransportOptions { ListenEndPoints = [Listen], MaxBodySize = -1 } },
        { "MaxConnections", new SipTransportOptions { ListenEndPoints = [Listen], MaxConnections = 0 } },
        { "IdleTimeout", new SipTransportOptions { ListenEndPoints = [Listen], IdleTimeout = TimeSpan.Zero } },
        { "ConnectTimeout", new SipTransportOptions { ListenEndPoints = [Listen], ConnectTimeout = Timeout.InfiniteTimeSpan } },
        { "SocketReceiveBufferSize", new SipTransportOptions { ListenEndPoints = [Listen], SocketReceiveBufferSize = 0 } },
    };

    [Theory]
    [MemberData(nameof(BadOptions))]
    public void Bad_setting_is_named_with_a_fix(string setting, SipTransportOptions options)
    {
        var error = Assert.Throws<ArgumentException>(options.Validate);

        Assert.Equal(setting, error.ParamName);
        Assert.StartsWith($"SipTransport:{setting} is invalid: ", error.Message, StringComparison.Ordinal);
    }
}
