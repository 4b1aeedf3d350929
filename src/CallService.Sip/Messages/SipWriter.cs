using System.Buffers;

namespace CallService.Sip.Messages;

/// <summary>Serialises messages with canonical header names; Content-Length comes from the body.</summary>
public static class SipWriter
{
    public static int GetMaxLength(SipMessage message) => throw new NotImplementedException();

    public static int Write(SipMessage message, Span<byte> destination) => throw new NotImplementedException();

    public static byte[] ToBytes(SipMessage message) => throw new NotImplementedException();

    public static void Write(SipMessage message, IBufferWriter<byte> writer) => throw new NotImplementedException();
}
