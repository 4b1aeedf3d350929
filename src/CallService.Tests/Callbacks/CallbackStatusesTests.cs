using System.Text.Json;
using CallService.Callbacks;

namespace CallService.Tests.Callbacks;

/// <summary>Status names, JSON spellings and the transition table.</summary>
public sealed class CallbackStatusesTests
{
    [Theory]
    [InlineData(CallbackStatus.Pending, "pending")]
    [InlineData(CallbackStatus.Calling, "calling")]
    [InlineData(CallbackStatus.Done, "done")]
    [InlineData(CallbackStatus.Failed, "failed")]
    [InlineData(CallbackStatus.Cancelled, "cancelled")]
    public void Names_round_trip_and_json_uses_them_whatever_the_options(CallbackStatus status, string name)
    {
        Assert.Equal(name, status.ToName());
        Assert.True(CallbackStatuses.TryParse(name, out CallbackStatus parsed));
        Assert.Equal(status, parsed);
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status));
        Assert.Equal($"\"{name}\"", JsonSerializer.Serialize(status, JsonSerializerOptions.Web));
        Assert.Equal(status, JsonSerializer.Deserialize<CallbackStatus>($"\"{name}\""));
        Assert.Contains(name, CallbackStatuses.Names);
    }

    [Theory]
    [InlineData("Pending")]
    [InlineData(" pending")]
    [InlineData("canceled")]
    [InlineData("")]
    [InlineData(null)]
    public void Other_spellings_are_not_statuses(string? name) => Assert.False(CallbackStatuses.TryParse(name, out _));

    [Theory]
    [InlineData("pending", "calling", true)]
    [InlineData("pending", "done", true)]
    [InlineData("pending", "failed", true)]
    [InlineData("pending", "cancelled", true)]
    [InlineData("pending", "pending", false)]
    [InlineData("calling", "pending", true)]
    [InlineData("calling", "done", true)]
    [InlineData("calling", "failed", true)]
    [InlineData("calling", "cancelled", false)]
    [InlineData("calling", "calling", false)]
    [InlineData("failed", "calling", true)]
    [InlineData("failed", "pending", true)]
    [InlineData("failed", "done", true)]
    [InlineData("failed", "cancelled", true)]
    [InlineData("failed", "failed", false)]
    [InlineData("done", "pending", false)]
    [InlineData("done", "calling", false)]
    [InlineData("done", "failed", false)]
    [InlineData("done", "cancelled", false)]
    [InlineData("cancelled", "pending", false)]
    [InlineData("cancelled", "calling", false)]
    [InlineData("cancelled", "done", false)]
    [InlineData("cancelled", "failed", false)]
    public void The_transition_table(string from, string to, bool allowed)
    {
        CallbackStatuses.TryParse(from, out CallbackStatus f);
        CallbackStatuses.TryParse(to, out CallbackStatus t);

        Assert.Equal(allowed, CallbackStatuses.CanMove(f, t));
    }

    [Fact]
    public void Done_and_cancelled_are_final()
    {
        Assert.Equal(
            [CallbackStatus.Done, CallbackStatus.Cancelled],
            Enum.GetValues<CallbackStatus>().Where(s => s.IsFinal()));
    }
}
