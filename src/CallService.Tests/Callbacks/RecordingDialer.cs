using CallService.Callbacks;

namespace CallService.Tests.Callbacks;

/// <summary>An <see cref="ICallbackDialer"/> that answers as told and remembers what it was asked.</summary>
public sealed class RecordingDialer : ICallbackDialer
{
    private readonly List<(CallbackRequest Callback, string? AgentId)> _dials = [];

    /// <summary>What the next dials return; an exception to throw instead when <see cref="Throw"/> is set.</summary>
    public CallbackDialResult Result { get; set; } = CallbackDialResult.Started;

    public Exception? Throw { get; set; }

    public IReadOnlyList<(CallbackRequest Callback, string? AgentId)> Dials
    {
        get
        {
            lock (_dials)
            {
                return [.. _dials];
            }
        }
    }

    public Task<CallbackDialResult> DialAsync(CallbackRequest callback, string? agentId, CancellationToken cancellationToken)
    {
        lock (_dials)
        {
            _dials.Add((callback, agentId));
        }
        return Throw is { } error ? Task.FromException<CallbackDialResult>(error) : Task.FromResult(Result);
    }
}
