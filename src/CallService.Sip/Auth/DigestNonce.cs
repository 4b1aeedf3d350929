using System.Buffers;
using System.Buffers.Binary;
using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace CallService.Sip.Auth;

/// <summary>
/// Self-validating nonces (RFC 7616 5.4 suggests time-stamp + H(time-stamp ":" ETag ":" secret)):
/// base64url( issued-at (8 bytes, Unix ms, big-endian) | random (16) | HMAC-SHA-256(secret,
/// issued-at | random | realm)[0..16] ). The server keeps no state to check one: a nonce that
/// decodes and carries a valid MAC for this realm was issued by us (or by a node sharing the
/// secret), and its age says whether it is stale. The realm is in the MAC so a nonce from one
/// realm cannot answer another.
/// </summary>
internal sealed class DigestNonce
{
    private const int TimestampLength = 8;
    private const int RandomLength = 16;
    private const int MacLength = 16; // HMAC-SHA-256 truncated to 128 bits (RFC 2104 5 allows truncation to >= half).
    private const int BinaryLength = TimestampLength + RandomLength + MacLength;

    /// <summary>Length of every nonce we issue, in base64url characters without padding.</summary>
    public static readonly int TextLength = Base64Url.GetEncodedLength(BinaryLength);

    private readonly byte[] _secret;

    public DigestNonce(byte[] secret)
    {
        _secret = secret;
    }

    /// <summary>A fresh nonce for <paramref name="realm"/>, issued at <paramref name="issuedAtUnixMs"/>.</summary>
    public string Create(string realm, long issuedAtUnixMs)
    {
        Span<byte> nonce = stackalloc byte[BinaryLength];
        BinaryPrimitives.WriteInt64BigEndian(nonce, issuedAtUnixMs);
        RandomNumberGenerator.Fill(nonce.Slice(TimestampLength, RandomLength));
        ComputeMac(nonce[..(TimestampLength + RandomLength)], realm, nonce[(TimestampLength + RandomLength)..]);
        return Base64Url.EncodeToString(nonce);
    }

    /// <summary>
    /// True when <paramref name="nonce"/> is one of ours for <paramref name="realm"/> (whatever its
    /// age); <paramref name="issuedAtUnixMs"/> is then its issue time. A tampered, truncated or
    /// foreign nonce is false. The MAC is compared in constant time.
    /// </summary>
    public bool TryValidate(string nonce, string realm, out long issuedAtUnixMs)
    {
        issuedAtUnixMs = 0;
        if (nonce.Length != TextLength)
        {
            return false;
        }

        // The decoder refuses non-zero unused bits in the last character, so each nonce has one
        // spelling and its text can key the replay table.
        Span<byte> binary = stackalloc byte[BinaryLength];
        if (Base64Url.DecodeFromChars(nonce, binary, out int consumed, out int written) != OperationStatus.Done
            || consumed != nonce.Length
            || written != BinaryLength)
        {
            return false;
        }

        Span<byte> expectedMac = stackalloc byte[MacLength];
        ComputeMac(binary[..(TimestampLength + RandomLength)], realm, expectedMac);
        if (!CryptographicOperations.FixedTimeEquals(expectedMac, binary[(TimestampLength + RandomLength)..]))
        {
            return false;
        }

        issuedAtUnixMs = BinaryPrimitives.ReadInt64BigEndian(binary);
        return true;
    }

    private void ComputeMac(ReadOnlySpan<byte> issuedAndRandom, string realm, Span<byte> mac)
    {
        int length = issuedAndRandom.Length + Encoding.UTF8.GetByteCount(realm);
        byte[]? rented = null;
        Span<byte> input = length <= 256 ? stackalloc byte[256] : (rented = ArrayPool<byte>.Shared.Rent(length));
        issuedAndRandom.CopyTo(input);
        int realmBytes = Encoding.UTF8.GetBytes(realm, input[issuedAndRandom.Length..]);
        Span<byte> full = stackalloc byte[HMACSHA256.HashSizeInBytes];
        HMACSHA256.HashData(_secret, input[..(issuedAndRandom.Length + realmBytes)], full);
        full[..MacLength].CopyTo(mac);
        if (rented is not null)
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }
}
