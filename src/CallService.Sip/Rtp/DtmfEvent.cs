using System.Buffers.Binary;

namespace CallService.Sip.Rtp;

/// <summary>
/// The payload of an RFC 4733 telephone-event packet (2.3): event code, E (end) bit, volume and
/// duration. DTMF digits are events 0-15 (RFC 4733 3.2): 0-9, * = 10, # = 11, A-D = 12-15.
/// </summary>
/// <param name="Event">Event code (0-255; DTMF uses 0-15).</param>
/// <param name="End">E: this packet ends the event.</param>
/// <param name="Volume">Power level in -dBm0, 0-63 (RFC 4733 2.3.4).</param>
/// <param name="Duration">Duration so far in RTP timestamp units, counted from the event timestamp.</param>
public readonly record struct DtmfEvent(byte Event, bool End, byte Volume, ushort Duration)
{
    /// <summary>RFC 4733 2.3: the event payload is 4 octets.</summary>
    public const int Size = 4;

    /// <summary>RFC 4733 2.3.4: volume is a 6-bit field.</summary>
    public const byte MaxVolume = 63;

    /// <summary>The DTMF character for <see cref="Event"/>, or '\0' for a non-DTMF event.</summary>
    public char Digit => EventToDigit(Event);

    /// <summary>Writes the 4-byte payload; returns 4, or 0 when the destination is too small.</summary>
    public int WriteTo(Span<byte> destination)
    {
        if (destination.Length < Size)
        {
            return 0;
        }

        destination[0] = Event;
        // RFC 4733 2.3: E bit, R bit (reserved, sent as 0), 6-bit volume.
        destination[1] = (byte)((End ? 0x80 : 0) | (Volume & MaxVolume));
        BinaryPrimitives.WriteUInt16BigEndian(destination[2..], Duration);
        return Size;
    }

    /// <summary>Parses a telephone-event payload; false when shorter than 4 bytes.</summary>
    public static bool TryParse(ReadOnlySpan<byte> payload, out DtmfEvent dtmf)
    {
        // RFC 4733 2.5.1.5 allows several events in one packet (redundancy); the first is the current one.
        if (payload.Length < Size)
        {
            dtmf = default;
            return false;
        }

        dtmf = new DtmfEvent(
            payload[0],
            (payload[1] & 0x80) != 0,
            (byte)(payload[1] & MaxVolume),
            BinaryPrimitives.ReadUInt16BigEndian(payload[2..]));
        return true;
    }

    /// <summary>RFC 4733 3.2: maps '0'-'9', '*', '#', 'A'-'D' (either case) to event codes 0-15.</summary>
    public static bool TryGetEventCode(char digit, out byte code)
    {
        int value = digit switch
        {
            >= '0' and <= '9' => digit - '0',
            '*' => 10,
            '#' => 11,
            >= 'A' and <= 'D' => 12 + (digit - 'A'),
            >= 'a' and <= 'd' => 12 + (digit - 'a'),
            _ => -1,
        };
        code = (byte)Math.Max(value, 0);
        return value >= 0;
    }

    /// <summary>RFC 4733 3.2: event code 0-15 to its DTMF character; '\0' otherwise.</summary>
    public static char EventToDigit(byte code) => code switch
    {
        <= 9 => (char)('0' + code),
        10 => '*',
        11 => '#',
        <= 15 => (char)('A' + (code - 12)),
        _ => '\0',
    };
}
