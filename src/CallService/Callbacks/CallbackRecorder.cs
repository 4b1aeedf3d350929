using CallService.Calls;
using CallService.Records;
using Microsoft.Extensions.Logging;

namespace CallService.Callbacks;

/// <summary>
/// Turns a call's <see cref="RecordCallbackRequest"/> into a stored <see cref="CallbackRequest"/>: the
/// glue hands it the command's ticket. The desk's notes (surname, request) are copied from the call
/// record when it has them; notes written later are read at listing time (<see cref="CallbackNotes"/>).
/// </summary>
public sealed class CallbackRecorder
{
    /// <summary>
    /// How long after the caller's request the callback is due when nothing else is configured:
    /// 15 minutes (a default of ours; the handbook sets no limit).
    /// </summary>
    public static readonly TimeSpan DefaultDueAfter = TimeSpan.FromMinutes(15);

    private readonly ICallbackStore _callbacks;
    private readonly ICallRecordStore? _records;
    private readonly ILogger _logger;

    /// <param name="callbacks">Where the request is stored.</param>
    /// <param name="records">The call records, for the desk's notes; null to store requests without notes.</param>
    /// <param name="logger">Where recorded requests are reported.</param>
    public CallbackRecorder(ICallbackStore callbacks, ICallRecordStore? records, ILogger logger)
    {
        ArgumentNullException.ThrowIfNull(callbacks);
        ArgumentNullException.ThrowIfNull(logger);
        _callbacks = callbacks;
        _records = records;
        _logger = logger;
    }

    /// <summary>DueAt = the request's instant + this (default <see cref="DefaultDueAfter"/>).</summary>
    public TimeSpan DueAfter
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfLessThan(value, TimeSpan.Zero);
            field = value;
        }
    } = DefaultDueAfter;

    /// <summary>Stores a pending callback for <paramref name="ticket"/> and returns it with its id.</summary>
    public async Task<CallbackRequest> RecordAsync(CallbackTicket ticket, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(ticket);
        CallRecord? record = await CallbackNotes.FindRecordAsync(_records, ticket.CallId, _logger, cancellationToken).ConfigureAwait(false);
        CallbackRequest stored = await _callbacks.AddAsync(new CallbackRequest
        {
            CallId = ticket.CallId,
            CallerNumber = ticket.CallerNumber,
            CallerDisplayName = ticket.CallerDisplayName,
            Surname = record?.Surname,
            Request = record?.Request,
            AgentId = ticket.AgentId,
            Line = ticket.Line,
            CreatedAt = ticket.RequestedAt,
            DueAt = ticket.RequestedAt + DueAfter,
            Status = CallbackStatus.Pending,
        }, cancellationToken).ConfigureAwait(false);
        CallbacksLog.Recorded(_logger, stored.Id, stored.CallId, stored.CallerNumber, stored.Line, stored.DueAt);
        return stored;
    }
}
