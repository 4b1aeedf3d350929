using Microsoft.Extensions.Logging;

namespace CallService.Tests.Records;

/// <summary>Keeps every log entry with its structured properties, to check what was logged.</summary>
public sealed class RecordingLogger : ILogger
{
    private readonly List<Entry> _entries = [];

    public IReadOnlyList<Entry> Entries
    {
        get
        {
            lock (_entries)
            {
                return [.. _entries];
            }
        }
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        var properties = new Dictionary<string, object?>();
        if (state is IEnumerable<KeyValuePair<string, object?>> pairs)
        {
            foreach (var pair in pairs)
            {
                properties[pair.Key] = pair.Value;
            }
        }
        lock (_entries)
        {
            _entries.Add(new Entry(logLevel, eventId.Id, formatter(state, exception), properties, exception));
        }
    }

    public sealed record Entry(LogLevel Level, int EventId, string Message, IReadOnlyDictionary<string, object?> Properties, Exception? Exception);
}
