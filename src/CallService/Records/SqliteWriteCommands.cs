using Microsoft.Data.Sqlite;

namespace CallService.Records;

/// <summary>
/// The writer's statements, created once on its connection and reused for every write, so SQLite
/// prepares each statement once rather than 2,500 times a second.
/// </summary>
internal sealed class SqliteWriteCommands : IDisposable
{
    private readonly SqliteCommand _insert;
    private readonly SqliteCommand _update;
    private readonly SqliteCommand _updateNotes;

    public SqliteWriteCommands(SqliteConnection connection)
    {
        _insert = connection.CreateCommand();
        _insert.CommandText = SqliteCallRecordRows.InsertSql;
        SqliteCallRecordRows.AddParameters(_insert, SqliteCallRecordRows.InsertColumns);

        _update = connection.CreateCommand();
        _update.CommandText = SqliteCallRecordRows.UpdateSql;
        SqliteCallRecordRows.AddParameters(_update, SqliteCallRecordRows.UpdateColumns);

        _updateNotes = connection.CreateCommand();
        _updateNotes.CommandText = SqliteCallRecordRows.UpdateNotesSql;
        SqliteCallRecordRows.AddParameters(_updateNotes, ["surname", "honorific", "request", "id"]);
    }

    public long Insert(SqliteTransaction transaction, CallRecord record)
    {
        _insert.Transaction = transaction;
        SqliteCallRecordRows.Bind(_insert, record);
        return (long)_insert.ExecuteScalar()!;
    }

    /// <summary>False when no record has that id.</summary>
    public bool Update(SqliteTransaction transaction, CallRecord record)
    {
        _update.Transaction = transaction;
        SqliteCallRecordRows.Bind(_update, record);
        return _update.ExecuteNonQuery() == 1;
    }

    /// <summary>False when no record has that id.</summary>
    public bool UpdateNotes(SqliteTransaction transaction, long id, string? surname, string? honorific, string? request)
    {
        _updateNotes.Transaction = transaction;
        _updateNotes.Parameters["$surname"].Value = surname ?? (object)DBNull.Value;
        _updateNotes.Parameters["$honorific"].Value = honorific ?? (object)DBNull.Value;
        _updateNotes.Parameters["$request"].Value = request ?? (object)DBNull.Value;
        _updateNotes.Parameters["$id"].Value = id;
        return _updateNotes.ExecuteNonQuery() == 1;
    }

    public void Dispose()
    {
        _insert.Dispose();
        _update.Dispose();
        _updateNotes.Dispose();
    }
}
