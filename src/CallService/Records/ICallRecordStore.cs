namespace CallService.Records;

/// <summary>
/// Where call records live. The SQLite store is the default; a PostgreSQL store follows with the
/// same contract:
/// <list type="bullet">
/// <item>Call <see cref="InitializeAsync"/> once, before anything else.</item>
/// <item>A write's Task completes only once the write is committed (durable against a process crash);
/// a failed write faults its own Task and no other.</item>
/// <item><see cref="UpdateAsync"/> writes the call's progress; the desk's notes (surname, honorific,
/// request) belong to <see cref="UpdateNotesAsync"/>, so neither writer overwrites the other.</item>
/// <item>A write's CancellationToken cancels only a write not yet started; a started write finishes.</item>
/// <item><see cref="IAsyncDisposable.DisposeAsync"/> drains pending writes, then closes.</item>
/// </list>
/// </summary>
public interface ICallRecordStore : IAsyncDisposable
{
    /// <summary>
    /// Brings the schema up to date, then closes the records a previous run left open (no
    /// <see cref="CallRecord.EndedAt"/>) as <see cref="CallOutcome.Interrupted"/>, ended now by
    /// <see cref="CallEndedBy.Service"/>. Returns how many were closed.
    /// </summary>
    Task<int> InitializeAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Opens the store for reading only, instead of <see cref="InitializeAsync"/>: no migration, no
    /// closing of open records, writes refused. For tools (the calls command) that may run while the
    /// service has the database open.
    /// </summary>
    void OpenForReading();

    /// <summary>Adds a record (its <see cref="CallRecord.Id"/> is ignored) and returns its new id.</summary>
    Task<long> InsertAsync(CallRecord record, CancellationToken cancellationToken);

    /// <summary>
    /// Rewrites the record with this <see cref="CallRecord.Id"/>: every field except the call's identity
    /// (Id, CallId, StartedAt) and the notes. Faults with <see cref="KeyNotFoundException"/> for an unknown id.
    /// </summary>
    Task UpdateAsync(CallRecord record, CancellationToken cancellationToken);

    Task<CallRecord?> GetAsync(long id, CancellationToken cancellationToken);

    /// <summary>The record for a SIP Call-ID (the latest one, should a Call-ID ever come twice).</summary>
    Task<CallRecord?> FindByCallIdAsync(string callId, CancellationToken cancellationToken);

    Task<IReadOnlyList<CallRecord>> ListAsync(CallRecordQuery query, CancellationToken cancellationToken);

    /// <summary>
    /// Sets the desk's notes (all three; null clears). Faults with <see cref="KeyNotFoundException"/>
    /// for an unknown id.
    /// </summary>
    Task UpdateNotesAsync(long id, string? surname, string? honorific, string? request, CancellationToken cancellationToken);
}
