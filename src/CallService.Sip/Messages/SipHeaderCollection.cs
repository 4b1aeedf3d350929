using System.Buffers;
using System.Collections;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// The ordered header fields of a message. Names are case-insensitive and compact forms (RFC 3261 7.3.3)
/// resolve to their full names on lookup; the names as received stay available through
/// <see cref="GetReceivedName"/>. Values of a parsed message are materialised on first read.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    private readonly byte[]? _raw;
    private SipHeaderEntry[] _entries;
    private int _count;

    public SipHeaderCollection()
    {
        _entries = new SipHeaderEntry[8];
    }

    internal SipHeaderCollection(byte[] raw, SipHeaderEntry[] entries, int count)
    {
        _raw = raw;
        _entries = entries;
        _count = count;
    }

    /// <summary>Bumped by every change, so typed views cached on the message know when to re-parse.</summary>
    internal int Version { get; private set; }

    internal byte[]? Raw => _raw;

    public int Count => _count;

    /// <summary>The header line at <paramref name="index"/>, with its canonical name.</summary>
    public SipHeader this[int index] => new(NameAt(index), ValueAt(index));

    /// <summary>The first value of <paramref name="name"/> (full or compact, any case), or null.</summary>
    public string? this[string name] => GetFirst(name);

    public string? GetFirst(string name)
    {
        var i = IndexOf(name, 0);
        return i < 0 ? null : ValueAt(i);
    }

    /// <summary>One entry per header line (not comma-split).</summary>
    public IReadOnlyList<string> GetAll(string name)
    {
        List<string>? values = null;
        for (var i = IndexOf(name, 0); i >= 0; i = IndexOf(name, i + 1)) (values ??= []).Add(ValueAt(i));
        return values is null ? [] : values;
    }

    /// <summary>Comma-split values of a list header (e.g. Allow, Supported, Require), quote- and angle-bracket-aware.</summary>
    public IEnumerable<string> GetValues(string name)
    {
        foreach (var line in GetAll(name))
        {
            foreach (var item in SipListSplitter.Split(line)) yield return item;
        }
    }

    public bool Contains(string name) => IndexOf(name, 0) >= 0;

    public void Add(string name, string value) => Insert(_count, name, value);

    public void Insert(int index, string name, string value)
    {
        if ((uint)index > (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        var entry = CreateEntry(name, value);
        if (_count == _entries.Length) Array.Resize(ref _entries, Math.Max(8, _entries.Length * 2));
        Array.Copy(_entries, index, _entries, index + 1, _count - index);
        _entries[index] = entry;
        _count++;
        Version++;
    }

    /// <summary>Replaces all lines of <paramref name="name"/> with one line (at the first one's place, or appended).</summary>
    public void Set(string name, string value)
    {
        var first = IndexOf(name, 0);
        if (first < 0)
        {
            Add(name, value);
            return;
        }

        _entries[first] = CreateEntry(name, value);
        for (var i = IndexOf(name, first + 1); i >= 0; i = IndexOf(name, i)) RemoveAt(i);
        Version++;
    }

    /// <summary>Replaces the first line of <paramref name="name"/> (or appends one), keeping any others.</summary>
    public void SetFirst(string name, string value)
    {
        var first = IndexOf(name, 0);
        if (first < 0)
        {
            Add(name, value);
            return;
        }

        _entries[first] = CreateEntry(name, value);
        Version++;
    }

    /// <summary>Removes every line of <paramref name="name"/>; returns how many were removed.</summary>
    public int Remove(string name)
    {
        var removed = 0;
        for (var i = IndexOf(name, 0); i >= 0; i = IndexOf(name, i))
        {
            RemoveAt(i);
            removed++;
        }

        return removed;
    }

    public bool RemoveFirst(string name)
    {
        var i = IndexOf(name, 0);
        if (i < 0) return false;
        RemoveAt(i);
        return true;
    }

    public void RemoveAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        _count--;
        Array.Copy(_entries, index + 1, _entries, index, _count - index);
        _entries[_count] = default;
        Version++;
    }

    /// <summary>The header name at <paramref name="index"/> exactly as received (e.g. "v", "TO"), or as added.</summary>
    public string GetReceivedName(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        ref var e = ref _entries[index];
        return e.HasRaw ? Encoding.ASCII.GetString(_raw!, e.NameStart, e.NameLength) : e.Name!;
    }

    /// <summary>The header lines as received: names as they appeared on the wire, values unfolded.</summary>
    public IEnumerable<SipHeader> Received
    {
        get
        {
            for (var i = 0; i < _count; i++) yield return new SipHeader(GetReceivedName(i), ValueAt(i));
        }
    }

    public IEnumerator<SipHeader> GetEnumerator()
    {
        for (var i = 0; i < _count; i++) yield return new SipHeader(NameAt(i), ValueAt(i));
    }

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    internal ref readonly SipHeaderEntry EntryAt(int index) => ref _entries[index];

    internal SipHeaderId IdAt(int index) => _entries[index].Id;

    /// <summary>Canonical name: the full name of a known header, the name as received for others.</summary>
    internal string NameAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        ref var e = ref _entries[index];
        return e.Name ??= e.Id != SipHeaderId.Unknown
            ? SipHeaderNames.Canonical(e.Id)
            : Encoding.ASCII.GetString(_raw!, e.NameStart, e.NameLength);
    }

    internal string ValueAt(int index)
    {
        if ((uint)index >= (uint)_count) throw new ArgumentOutOfRangeException(nameof(index));
        ref var e = ref _entries[index];
        return e.Value ??= SipText.ToString(_raw.AsSpan(e.ValueStart, e.ValueLength), e.Folded);
    }

    internal int IndexOf(SipHeaderId id, int start)
    {
        for (var i = start; i < _count; i++)
        {
            if (_entries[i].Id == id) return i;
        }

        return -1;
    }

    internal int CountOf(SipHeaderId id)
    {
        var n = 0;
        for (var i = 0; i < _count; i++)
        {
            if (_entries[i].Id == id) n++;
        }

        return n;
    }

    internal void SetValueAt(int index, string value)
    {
        ValidateValue(value);
        _ = NameAt(index); // materialise the name before the entry stops pointing into the raw buffer
        ref var e = ref _entries[index];
        e.Value = value;
        e.HasRaw = false;
        e.Folded = false;
        Version++;
    }

    internal delegate bool SpanParser<TState>(ReadOnlySpan<char> value, ref TState state);

    /// <summary>
    /// Runs <paramref name="parser"/> over the value at <paramref name="index"/>; a raw value is decoded into a
    /// stack or pooled buffer, so typed parsing needs no intermediate string.
    /// </summary>
    internal bool ParseValue<TState>(int index, SpanParser<TState> parser, ref TState state)
    {
        ref var e = ref _entries[index];
        if (e.Value is not null) return parser(e.Value, ref state);
        var raw = _raw.AsSpan(e.ValueStart, e.ValueLength);
        char[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var n = SipText.Decode(raw, e.Folded, buffer);
            return parser(buffer[..n], ref state);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }

    private int IndexOf(string name, int start)
    {
        var id = SipHeaderNames.Lookup(name);
        if (id != SipHeaderId.Unknown) return IndexOf(id, start);
        for (var i = start; i < _count; i++)
        {
            ref var e = ref _entries[i];
            if (e.Id != SipHeaderId.Unknown) continue;
            var match = e.Name is not null
                ? string.Equals(e.Name, name, StringComparison.OrdinalIgnoreCase)
                : SipHeaderNames.EqualsIgnoreCase(_raw.AsSpan(e.NameStart, e.NameLength), name);
            if (match) return i;
        }

        return -1;
    }

    private static SipHeaderEntry CreateEntry(string name, string value)
    {
        ArgumentNullException.ThrowIfNull(name);
        ArgumentNullException.ThrowIfNull(value);
        if (name.Length == 0 || SipGrammar.ScanToken(name, 0) != name.Length)
        {
            throw new ArgumentException($"'{name}' is not a valid header name (RFC 3261 token).", nameof(name));
        }

        ValidateValue(value);
        var id = SipHeaderNames.Lookup(name);
        return new SipHeaderEntry
        {
            Id = id,
            Name = id == SipHeaderId.Unknown ? name : SipHeaderNames.Canonical(id),
            Value = value,
        };
    }

    private static void ValidateValue(string value)
    {
        // A CR or LF in a value would end the header line on the wire (header injection).
        if (value.AsSpan().IndexOfAny('\r', '\n') >= 0)
        {
            throw new ArgumentException("A header value cannot contain CR or LF.", nameof(value));
        }
    }
}
