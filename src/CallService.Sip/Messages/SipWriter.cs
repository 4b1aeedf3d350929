using System.Buffers;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>
/// Serialises messages (RFC 3261 7): canonical full header names, header lines in their order, and a
/// Content-Length taken from <see cref="SipMessage.Body"/> (written where the message had one, else last).
/// Values a parsed message never had read are copied straight from its raw bytes.
/// </summary>
public static class SipWriter
{
    /// <summary>The number of octets <see cref="Write(SipMessage, Span{byte})"/> needs (exact).</summary>
    public static int GetMaxLength(SipMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var output = new Output(default, measure: true);
        WriteCore(message, ref output);
        return output.Position;
    }

    /// <summary>Writes the message; returns the octets written. Throws when <paramref name="destination"/> is too small.</summary>
    public static int Write(SipMessage message, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(message);
        var needed = GetMaxLength(message);
        if (destination.Length < needed)
        {
            throw new ArgumentException($"The destination holds {destination.Length} octets; the message needs {needed}.", nameof(destination));
        }

        var output = new Output(destination, measure: false);
        WriteCore(message, ref output);
        return output.Position;
    }

    public static byte[] ToBytes(SipMessage message)
    {
        var bytes = new byte[GetMaxLength(message)];
        var output = new Output(bytes, measure: false);
        WriteCore(message, ref output);
        return bytes;
    }

    public static void Write(SipMessage message, IBufferWriter<byte> writer)
    {
        ArgumentNullException.ThrowIfNull(writer);
        var length = GetMaxLength(message);
        var span = writer.GetSpan(length);
        var output = new Output(span, measure: false);
        WriteCore(message, ref output);
        writer.Advance(output.Position);
    }

    private static void WriteCore(SipMessage message, ref Output output)
    {
        if (message is SipRequest request)
        {
            output.Text(request.MethodToken);
            output.Byte((byte)' ');
            if (request.TryGetRawRequestUri(out var rawUri)) output.Bytes(rawUri);
            else output.Text(request.RequestUri.ToString());
            output.Bytes(" SIP/2.0\r\n"u8);
        }
        else
        {
            var response = (SipResponse)message;
            output.Bytes("SIP/2.0 "u8);
            output.Number(response.StatusCode);
            output.Byte((byte)' ');
            output.Text(response.ReasonPhrase);
            output.Bytes("\r\n"u8);
        }

        var headers = message.Headers;
        var raw = headers.Raw;
        var wroteContentLength = false;
        for (var i = 0; i < headers.Count; i++)
        {
            ref readonly var e = ref headers.EntryAt(i);
            if (e.Id == SipHeaderId.ContentLength)
            {
                if (!wroteContentLength) WriteContentLength(message, ref output);
                wroteContentLength = true;
                continue;
            }

            output.Text(headers.NameAt(i));
            output.Bytes(": "u8);
            if (e.Value is null && e.HasRaw && !e.Folded)
            {
                output.Bytes(raw.AsSpan(e.ValueStart, e.ValueLength));
            }
            else
            {
                output.Text(headers.ValueAt(i));
            }

            output.Bytes("\r\n"u8);
        }

        if (!wroteContentLength) WriteContentLength(message, ref output);
        output.Bytes("\r\n"u8);
        output.Bytes(message.Body.Span);
    }

    private static void WriteContentLength(SipMessage message, ref Output output)
    {
        output.Bytes("Content-Length: "u8);
        output.Number(message.Body.Length);
        output.Bytes("\r\n"u8);
    }

    /// <summary>Either counts octets (measure) or writes them.</summary>
    private ref struct Output(Span<byte> destination, bool measure)
    {
        private readonly Span<byte> _destination = destination;

        public int Position { get; private set; }

        public void Bytes(scoped ReadOnlySpan<byte> bytes)
        {
            if (!measure) bytes.CopyTo(_destination[Position..]);
            Position += bytes.Length;
        }

        public void Byte(byte b)
        {
            if (!measure) _destination[Position] = b;
            Position++;
        }

        public void Text(string text)
        {
            Position += measure ? Encoding.UTF8.GetByteCount(text) : Encoding.UTF8.GetBytes(text, _destination[Position..]);
        }

        public void Number(int value)
        {
            Span<byte> digits = stackalloc byte[11];
            value.TryFormat(digits, out var n, default, System.Globalization.CultureInfo.InvariantCulture);
            Bytes(digits[..n]);
        }
    }
}
