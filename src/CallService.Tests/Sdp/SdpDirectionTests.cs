using CallService.Sip.Sdp;

namespace CallService.Tests.Sdp;

public sealed class SdpDirectionTests
{
    [Theory]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendRecv)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.Inactive, SdpDirection.Inactive)]
    public void Reverse_mirrors_the_direction_as_rfc_3264_6_1_answers_it(SdpDirection direction, SdpDirection reversed)
    {
        Assert.Equal(reversed, direction.Reverse());
        Assert.Equal(direction, direction.Reverse().Reverse());
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendRecv, SdpDirection.SendRecv)]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendOnly, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.SendRecv, SdpDirection.RecvOnly, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.SendRecv, SdpDirection.Inactive, SdpDirection.Inactive)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.RecvOnly, SdpDirection.Inactive)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.SendOnly, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.RecvOnly, SdpDirection.RecvOnly)]
    [InlineData(SdpDirection.Inactive, SdpDirection.SendRecv, SdpDirection.Inactive)]
    public void Intersect_keeps_only_what_both_allow(SdpDirection a, SdpDirection b, SdpDirection expected)
    {
        Assert.Equal(expected, a.Intersect(b));
        Assert.Equal(expected, b.Intersect(a));
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.SendOnly, SdpDirection.SendOnly)]
    [InlineData(SdpDirection.RecvOnly, SdpDirection.Inactive)]
    [InlineData(SdpDirection.Inactive, SdpDirection.Inactive)]
    public void Without_receive_is_the_rfc_2543_hold_reading(SdpDirection direction, SdpDirection expected)
    {
        Assert.Equal(expected, direction.WithoutReceive());
    }

    [Theory]
    [InlineData(SdpDirection.SendRecv, "sendrecv", true, true)]
    [InlineData(SdpDirection.SendOnly, "sendonly", true, false)]
    [InlineData(SdpDirection.RecvOnly, "recvonly", false, true)]
    [InlineData(SdpDirection.Inactive, "inactive", false, false)]
    public void Attribute_names_and_halves(SdpDirection direction, string name, bool send, bool receive)
    {
        Assert.Equal(name, direction.ToAttributeName());
        Assert.True(SdpDirectionExtensions.TryParseAttributeName(name, out var parsed));
        Assert.Equal(direction, parsed);
        Assert.Equal((send, receive), (direction.CanSend(), direction.CanReceive()));
        Assert.Equal(direction, SdpDirectionExtensions.FromFlags(send, receive));
    }

    [Theory]
    [InlineData("SENDRECV")]
    [InlineData("sendrecv ")]
    [InlineData("send")]
    [InlineData("")]
    public void Other_names_are_not_directions(string name)
    {
        Assert.False(SdpDirectionExtensions.TryParseAttributeName(name, out _));
    }
}
