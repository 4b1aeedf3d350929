using System.Net;
using CallService.Sip.Sdp;

using CallService.Sip.Media;

namespace CallService.Tests.Sdp;

/// <summary>Loads the SDP samples under TestData/sdp and builds SDP text for table tests.</summary>
internal static class SdpSamples
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "TestData", "sdp");

    public static byte[] Bytes(string name) => File.ReadAllBytes(Path.Combine(Folder, name));

    public static string Text(string name) => File.ReadAllText(Path.Combine(Folder, name));

    /// <summary>Parses a sample and fails the test if it does not parse.</summary>
    public static SessionDescription Parse(string name)
    {
        var result = SdpParser.Parse(Bytes(name));
        Assert.True(result.IsSuccess, $"{name}: {result}");
        return result.Description;
    }

    /// <summary>Parses SDP text and fails the test if it does not parse.</summary>
    public static SessionDescription ParseText(string text)
    {
        var result = SdpParser.Parse(text);
        Assert.True(result.IsSuccess, result.ToString());
        return result.Description;
    }

    /// <summary>Joins lines with CRLF, the SDP line end (RFC 4566 5).</summary>
    public static string Crlf(params string[] lines) => string.Concat(lines.Select(line => line + "\r\n"));

    /// <summary>"|" separated lines to CRLF SDP text, for compact table rows.</summary>
    public static string FromRow(string row) => Crlf(row.Split('|'));

    /// <summary>Our side as the tests use it: 192.0.2.1:40000, the given codecs (default PCMU, PCMA, G722), telephone-event 101.</summary>
    public static SdpLocalMedia Local(params AudioCodecKind[] codecs) => new()
    {
        Address = IPAddress.Parse("192.0.2.1"),
        RtpPort = 40000,
        Codecs = codecs.Length == 0 ? [AudioCodecKind.Pcmu, AudioCodecKind.Pcma, AudioCodecKind.G722] : codecs,
    };
}
