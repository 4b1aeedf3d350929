using System.Buffers;
using System.Text;

namespace CallService.Sip.Messages;

/// <summary>Turns raw header octets into text: unfolds continuation lines and decodes UTF-8 (RFC 3261 7.3.1, 25.1).</summary>
internal static class SipText
{
    /// <summary>
    /// RFC 3261 7.3.1: a folded value is read as if each CRLF + leading whitespace were a single SP.
    /// Writes the unfolded octets to <paramref name="destination"/> (at least as long as the source).
    /// </summary>
    public static int Unfold(ReadOnlySpan<byte> source, Span<byte> destination)
    {
        var n = 0;
        for (var i = 0; i < source.Length; i++)
        {
            var b = source[i];
            if (b is (byte)'\r' or (byte)'\n')
            {
                while (i + 1 < source.Length && source[i + 1] is (byte)'\r' or (byte)'\n' or (byte)' ' or (byte)'\t') i++;
                destination[n++] = (byte)' ';
                continue;
            }

            destination[n++] = b;
        }

        return n;
    }

    /// <summary>Decodes a raw value into <paramref name="destination"/> (length at least the raw length). Invalid UTF-8 becomes U+FFFD.</summary>
    public static int Decode(ReadOnlySpan<byte> raw, bool folded, Span<char> destination)
    {
        if (!folded) return Encoding.UTF8.GetChars(raw, destination);
        byte[]? rented = null;
        var buffer = raw.Length <= 512 ? stackalloc byte[512] : (rented = ArrayPool<byte>.Shared.Rent(raw.Length));
        try
        {
            var n = Unfold(raw, buffer);
            return Encoding.UTF8.GetChars(buffer[..n], destination);
        }
        finally
        {
            if (rented is not null) ArrayPool<byte>.Shared.Return(rented);
        }
    }

    public static string ToString(ReadOnlySpan<byte> raw, bool folded)
    {
        if (!folded) return Encoding.UTF8.GetString(raw);
        char[]? rented = null;
        var buffer = raw.Length <= 256 ? stackalloc char[256] : (rented = ArrayPool<char>.Shared.Rent(raw.Length));
        try
        {
            var n = Decode(raw, folded: true, buffer);
            return new string(buffer[..n]);
        }
        finally
        {
            if (rented is not null) ArrayPool<char>.Shared.Return(rented);
        }
    }
}
