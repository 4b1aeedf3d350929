using BenchmarkDotNet.Attributes;
using CallService.Sip.Messages;

namespace CallService.Bench;

/// <summary>
/// Message parsing and writing (src/CallService.Sip/Messages). Parse = bytes to a validated message
/// (routing headers checked; values and typed objects made on first read). Write = a message back to
/// bytes into a reused buffer. Figures and machine: bench/README.md.
/// </summary>
[MemoryDiagnoser]
public class SipParseBenchmarks
{
    private readonly byte[] _buffer = new byte[4096];
    private SipMessage _invite = null!;
    private SipMessage _ok = null!;
    private SipMessage _builtInvite = null!;

    [GlobalSetup]
    public void Setup()
    {
        _invite = SipParser.Parse(SipBenchMessages.Invite).Message!;
        _ok = SipParser.Parse(SipBenchMessages.Ok).Message!;

        // The same INVITE built through the API (every value a string), as the UAC side writes it.
        var request = new SipRequest(SipMethod.Invite, SipUri.Parse("sip:sales@pbx.example.com"));
        foreach (var header in _invite.Headers) request.Headers.Add(header.Name, header.Value);
        request.Body = _invite.Body.ToArray();
        _builtInvite = request;
    }

    [Benchmark]
    public SipMessage? ParseInvite() => SipParser.Parse(SipBenchMessages.Invite).Message;

    [Benchmark]
    public SipMessage? ParseOk() => SipParser.Parse(SipBenchMessages.Ok).Message;

    /// <summary>Parse and read what a transaction/dialog layer reads first: branch, Call-ID, CSeq, tags.</summary>
    [Benchmark]
    public int ParseInviteAndReadRouting()
    {
        var message = SipParser.Parse(SipBenchMessages.Invite).Message!;
        return message.TopVia.Branch!.Length + message.CallId.Length + (int)message.CSeq.Number
            + message.From.Tag!.Length + (message.To.Tag?.Length ?? 0) + message.Contacts.Count;
    }

    [Benchmark]
    public int WriteParsedInvite() => SipWriter.Write(_invite, _buffer);

    [Benchmark]
    public int WriteParsedOk() => SipWriter.Write(_ok, _buffer);

    [Benchmark]
    public int WriteBuiltInvite() => SipWriter.Write(_builtInvite, _buffer);
}
