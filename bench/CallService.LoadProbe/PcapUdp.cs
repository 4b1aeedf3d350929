using System.Buffers.Binary;

namespace CallService.LoadProbe;

/// <summary>A UDP payload of a captured frame and its kernel capture time in microseconds.</summary>
internal delegate void PcapPayloadHandler(ReadOnlySpan<byte> payload, long microseconds);

/// <summary>
/// Walks a little-endian pcap file (`tcpdump -w`) and hands each IPv4 UDP payload to or from one
/// port to a handler, with the capture time: the figures then carry kernel times, not a load
/// generator's ticks.
/// </summary>
internal static class PcapUdp
{
    /// <summary>Null when the file was read, else a short error word; <paramref name="packets"/> counts the payloads handed over.</summary>
    public static string? ForEach(string path, int port, PcapPayloadHandler handler, out long packets)
    {
        packets = 0;
        byte[] file = File.ReadAllBytes(path);
        if (file.Length < 24)
        {
            return "empty-capture";
        }
        uint magic = BinaryPrimitives.ReadUInt32LittleEndian(file);
        bool nanos = magic == 0xa1b23c4d;
        if (magic != 0xa1b2c3d4 && !nanos)
        {
            return "not-a-little-endian-pcap";
        }
        uint linkType = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(20));
        int linkHeader = linkType switch
        {
            0 => 4,     // BSD loopback
            1 => 14,    // Ethernet (Linux lo)
            113 => 16,  // Linux cooked v1
            276 => 20,  // Linux cooked v2
            _ => -1,
        };
        if (linkHeader < 0)
        {
            return $"link-type-{linkType}";
        }
        for (int at = 24; at + 16 <= file.Length;)
        {
            long seconds = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at));
            long fraction = BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 4));
            int captured = (int)BinaryPrimitives.ReadUInt32LittleEndian(file.AsSpan(at + 8));
            long us = (seconds * 1_000_000) + (nanos ? fraction / 1000 : fraction);
            ReadOnlySpan<byte> frame = file.AsSpan(at + 16, Math.Min(captured, file.Length - at - 16));
            at += 16 + captured;
            if (frame.Length < linkHeader + 28)
            {
                continue;
            }
            ReadOnlySpan<byte> ip = frame[linkHeader..];
            if ((ip[0] >> 4) != 4 || ip[9] != 17)
            {
                continue; // IPv4 UDP only
            }
            int ihl = (ip[0] & 0x0f) * 4;
            ReadOnlySpan<byte> udp = ip[ihl..];
            int source = BinaryPrimitives.ReadUInt16BigEndian(udp);
            int destination = BinaryPrimitives.ReadUInt16BigEndian(udp[2..]);
            if (source != port && destination != port)
            {
                continue;
            }
            packets++;
            handler(udp[8..], us);
        }
        return null;
    }
}
