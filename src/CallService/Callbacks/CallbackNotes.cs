using CallService.Records;
using Microsoft.Extensions.Logging;

namespace CallService.Callbacks;

/// <summary>
/// The desk's notes on a callback come from its call record: the agent often writes the surname and
/// the request after the caller has pressed 1, so an open callback shows the record's notes as they are
/// now, and falls back to what was copied when it was stored.
/// </summary>
public static class CallbackNotes
{
    /// <summary>
    /// <paramref name="callback"/> with the call record's current surname and request, while it is still
    /// open (not done or cancelled: those show what they were closed with). Unchanged without a record store,
    /// without a record, or when the record cannot be read (logged).
    /// </summary>
    public static async Task<CallbackRequest> WithCurrentNotesAsync(
        CallbackRequest callback, ICallRecordStore? records, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(callback);
        ArgumentNullException.ThrowIfNull(logger);
        if (records is null || callback.Status.IsFinal())
        {
            return callback;
        }
        CallRecord? record = await FindRecordAsync(records, callback.CallId, logger, cancellationToken).ConfigureAwait(false);
        return record is null
            ? callback
            : callback with { Surname = record.Surname ?? callback.Surname, Request = record.Request ?? callback.Request };
    }

    /// <summary>The call record for <paramref name="callId"/>, or null when there is none or it cannot be read (logged).</summary>
    internal static async Task<CallRecord?> FindRecordAsync(
        ICallRecordStore? records, string callId, ILogger logger, CancellationToken cancellationToken)
    {
        if (records is null)
        {
            return null;
        }
        try
        {
            return await records.FindByCallIdAsync(callId, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // The notes are a convenience: a callback without them is still a callback.
            CallbacksLog.NotesUnavailable(logger, callId, ex);
            return null;
        }
    }
}
