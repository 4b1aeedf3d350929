using System.Collections;

namespace CallService.Sip.Messages;

/// <summary>
/// The ordered header fields of a message. Names are case-insensitive and compact forms (RFC 3261 7.3.3)
/// resolve to their full names on lookup; the names as received stay available for the raw view.
/// </summary>
public sealed class SipHeaderCollection : IEnumerable<SipHeader>
{
    public int Count => throw new NotImplementedException();

    public string? this[string name] => GetFirst(name);

    public string? GetFirst(string name) => throw new NotImplementedException();

    /// <summary>One entry per header line (not comma-split).</summary>
    public IReadOnlyList<string> GetAll(string name) => throw new NotImplementedException();

    /// <summary>Comma-split values of a list header, quote- and angle-bracket-aware.</summary>
    public IEnumerable<string> GetValues(string name) => throw new NotImplementedException();

    public bool Contains(string name) => throw new NotImplementedException();

    public void Add(string name, string value) => throw new NotImplementedException();

    public void Insert(int index, string name, string value) => throw new NotImplementedException();

    /// <summary>Replaces all lines of <paramref name="name"/> with one line (at the first one's place).</summary>
    public void Set(string name, string value) => throw new NotImplementedException();

    public int Remove(string name) => throw new NotImplementedException();

    public bool RemoveFirst(string name) => throw new NotImplementedException();

    public void SetFirst(string name, string value) => throw new NotImplementedException();

    public IEnumerator<SipHeader> GetEnumerator() => throw new NotImplementedException();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();
}
