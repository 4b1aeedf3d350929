using System.Text;
using System.Text.Unicode;

namespace CallService.Sip.Sdp;

/// <summary>
/// Reads a session description (RFC 4566). Pure: text or bytes in, an <see cref="SdpParseResult"/> out;
/// bad input gives a typed <see cref="SdpParseError"/>, never an exception.
/// </summary>
/// <remarks>
/// Strict on the structure (v= first, one o=, s=, at least one t=, well-formed c= and m= lines, a
/// connection for every active stream) and lenient on the rest: LF-only line ends and blank lines are
/// accepted (RFC 4566 5 asks parsers to tolerate a bare newline), and attribute values this library
/// does not understand are kept as <see cref="SdpAttribute"/>.
/// </remarks>
public static class SdpParser
{
    private const int MaxDetailLength = 120;

    /// <summary>Parses a UTF-8 body (RFC 4566 5: the default charset is UTF-8).</summary>
    public static SdpParseResult Parse(ReadOnlySpan<byte> utf8)
    {
        if (!Utf8.IsValid(utf8))
        {
            return SdpParseResult.Failure(SdpParseError.InvalidEncoding, "the body is not valid UTF-8");
        }

        return Parse(Encoding.UTF8.GetString(utf8).AsSpan());
    }

    /// <summary>Parses SDP text.</summary>
    public static SdpParseResult Parse(string text) => Parse((text ?? string.Empty).AsSpan());

    /// <summary>Parses SDP text.</summary>
    public static SdpParseResult Parse(ReadOnlySpan<char> text)
    {
        var session = new SessionState();
        SdpMediaBuilder? media = null;
        var lineNumber = 0;
        var sawLine = false;

        foreach (var range in text.Split('\n'))
        {
            lineNumber++;
            var line = text[range];
            if (line.EndsWith('\r'))
            {
                line = line[..^1];
            }

            if (line.IsEmpty)
            {
                continue;
            }

            // RFC 4566 5: <type>=<value>, type a single case-significant letter, no space around '='.
            if (line.Length < 2 || line[1] != '=' || !char.IsAsciiLetterLower(line[0]))
            {
                return Fail(SdpParseError.MalformedLine, "expected <type>=<value>", line, lineNumber);
            }

            var type = line[0];
            var value = line[2..];
            if (!sawLine && type != 'v')
            {
                return Fail(SdpParseError.MissingVersion, "the first line must be v=", line, lineNumber);
            }

            sawLine = true;
            var error = media is null
                ? ReadSessionLine(session, type, value, ref media)
                : ReadMediaLine(session, media, type, value, ref media);
            if (error != SdpParseError.None)
            {
                return Fail(error, Describe(error), line, lineNumber);
            }
        }

        if (!sawLine)
        {
            return SdpParseResult.Failure(SdpParseError.Empty, "the body has no SDP lines");
        }

        if (media is not null)
        {
            session.Media.Add(media.Build());
        }

        return session.Finish();
    }

    private static SdpParseError ReadSessionLine(SessionState session, char type, ReadOnlySpan<char> value, ref SdpMediaBuilder? media)
    {
        switch (type)
        {
            case 'v':
                if (session.SawVersion)
                {
                    return SdpParseError.DuplicateLine;
                }

                session.SawVersion = true;
                return value.TrimEnd(' ').SequenceEqual("0") ? SdpParseError.None : SdpParseError.UnsupportedVersion;
            case 'o':
                if (session.Origin is not null)
                {
                    return SdpParseError.DuplicateLine;
                }

                if (!SdpLineParser.TryParseOrigin(value, out var origin))
                {
                    return SdpParseError.BadOrigin;
                }

                session.Origin = origin;
                return SdpParseError.None;
            case 's':
                return SetOnce(ref session.SessionName, value);
            case 'i':
                return SetOnce(ref session.Information, value);
            case 'u':
                return SetOnce(ref session.Uri, value);
            case 'e':
                session.Emails.Add(value.ToString());
                return SdpParseError.None;
            case 'p':
                session.Phones.Add(value.ToString());
                return SdpParseError.None;
            case 'c':
                if (session.Connection is not null)
                {
                    return SdpParseError.DuplicateLine;
                }

                if (!SdpLineParser.TryParseConnection(value, out var connection))
                {
                    return SdpParseError.BadConnection;
                }

                session.Connection = connection;
                return SdpParseError.None;
            case 'b':
                if (!SdpLineParser.TryParseBandwidth(value, out var bandwidth))
                {
                    return SdpParseError.BadBandwidth;
                }

                session.Bandwidths.Add(bandwidth!);
                return SdpParseError.None;
            case 't':
                if (!SdpLineParser.TryParseTiming(value, out var timing))
                {
                    return SdpParseError.BadTiming;
                }

                session.Timings.Add((timing!, []));
                return SdpParseError.None;
            case 'r':
                // RFC 4566 5.10: r= lines belong to the t= line before them.
                if (session.Timings.Count == 0)
                {
                    return SdpParseError.LineOutOfPlace;
                }

                session.Timings[^1].Repeats.Add(value.ToString());
                return SdpParseError.None;
            case 'z':
                return SetOnce(ref session.TimeZones, value);
            case 'k':
                return SetOnce(ref session.EncryptionKey, value);
            case 'a':
                if (!TrySplitAttribute(value, out var name, out var attributeValue))
                {
                    return SdpParseError.BadAttribute;
                }

                if (attributeValue is null && session.Direction is null &&
                    SdpDirectionExtensions.TryParseAttributeName(name, out var direction))
                {
                    session.Direction = direction;
                }
                else
                {
                    session.Attributes.Add(new SdpAttribute(name, attributeValue));
                }

                return SdpParseError.None;
            case 'm':
                return StartMedia(value, ref media);
            default:
                return SdpParseError.UnknownLineType;
        }
    }

    private static SdpParseError ReadMediaLine(SessionState session, SdpMediaBuilder current, char type, ReadOnlySpan<char> value, ref SdpMediaBuilder? media)
    {
        switch (type)
        {
            case 'm':
                session.Media.Add(current.Build());
                return StartMedia(value, ref media);
            case 'i':
                if (current.Information is not null)
                {
                    return SdpParseError.DuplicateLine;
                }

                current.Information = value.ToString();
                return SdpParseError.None;
            case 'c':
                // RFC 4566 5.7 allows several c= lines per media for layered multicast; unicast telephony
                // never sends them, so a second one is refused rather than silently dropped.
                if (current.Connection is not null)
                {
                    return SdpParseError.DuplicateLine;
                }

                if (!SdpLineParser.TryParseConnection(value, out var connection))
                {
                    return SdpParseError.BadConnection;
                }

                current.Connection = connection;
                return SdpParseError.None;
            case 'b':
                if (!SdpLineParser.TryParseBandwidth(value, out var bandwidth))
                {
                    return SdpParseError.BadBandwidth;
                }

                current.AddBandwidth(bandwidth!);
                return SdpParseError.None;
            case 'k':
                if (current.EncryptionKey is not null)
                {
                    return SdpParseError.DuplicateLine;
                }

                current.EncryptionKey = value.ToString();
                return SdpParseError.None;
            case 'a':
                if (!TrySplitAttribute(value, out var name, out var attributeValue))
                {
                    return SdpParseError.BadAttribute;
                }

                current.AddAttribute(name, attributeValue);
                return SdpParseError.None;
            case 'v' or 'o' or 's' or 'u' or 'e' or 'p' or 't' or 'r' or 'z':
                return SdpParseError.LineOutOfPlace;
            default:
                return SdpParseError.UnknownLineType;
        }
    }

    private static SdpParseError StartMedia(ReadOnlySpan<char> value, ref SdpMediaBuilder? media)
    {
        if (!SdpLineParser.TryParseMedia(value, out var next))
        {
            return SdpParseError.BadMedia;
        }

        media = next;
        return SdpParseError.None;
    }

    private static SdpParseError SetOnce(ref string? field, ReadOnlySpan<char> value)
    {
        if (field is not null)
        {
            return SdpParseError.DuplicateLine;
        }

        field = value.ToString();
        return SdpParseError.None;
    }

    // RFC 4566 5.13: a=<attribute> or a=<attribute>:<value>. A property attribute with trailing spaces
    // ("a=sendrecv ") is seen in the wild and read as if the spaces were not there.
    private static bool TrySplitAttribute(ReadOnlySpan<char> text, out string name, out string? value)
    {
        var colon = text.IndexOf(':');
        var nameSpan = colon < 0 ? text.TrimEnd(' ') : text[..colon];
        name = nameSpan.ToString();
        value = colon < 0 ? null : text[(colon + 1)..].ToString();
        return !nameSpan.IsEmpty && !nameSpan.Contains(' ');
    }

    private static string Describe(SdpParseError error) => error switch
    {
        SdpParseError.UnknownLineType => "RFC 4566 defines no such line type",
        SdpParseError.LineOutOfPlace => "this line type is not allowed here",
        SdpParseError.DuplicateLine => "this line may appear only once here",
        SdpParseError.UnsupportedVersion => "only v=0 is defined",
        SdpParseError.BadOrigin => "expected o=<username> <sess-id> <sess-version> IN IP4|IP6 <address>",
        SdpParseError.BadConnection => "expected c=IN IP4|IP6 <address>[/ttl][/count]",
        SdpParseError.BadBandwidth => "expected b=<bwtype>:<bandwidth>",
        SdpParseError.BadTiming => "expected t=<start-time> <stop-time>",
        SdpParseError.BadMedia => "expected m=<media> <port>[/count] <proto> <fmt> ...",
        SdpParseError.BadAttribute => "expected a=<attribute>[:<value>]",
        _ => error.ToString(),
    };

    private static SdpParseResult Fail(SdpParseError error, string reason, ReadOnlySpan<char> line, int lineNumber)
    {
        var shown = line.Length > MaxDetailLength ? string.Concat(line[..MaxDetailLength], "...") : line.ToString();
        return SdpParseResult.Failure(error, $"{reason}: \"{shown}\"", lineNumber);
    }

    /// <summary>The session-level lines read so far.</summary>
    private sealed class SessionState
    {
        public bool SawVersion;
        public SdpOrigin? Origin;
        public string? SessionName;
        public string? Information;
        public string? Uri;
        public string? TimeZones;
        public string? EncryptionKey;
        public SdpConnection? Connection;
        public SdpDirection? Direction;
        public readonly List<string> Emails = [];
        public readonly List<string> Phones = [];
        public readonly List<SdpBandwidth> Bandwidths = [];
        public readonly List<(SdpTiming Timing, List<string> Repeats)> Timings = [];
        public readonly List<SdpAttribute> Attributes = [];
        public readonly List<MediaDescription> Media = [];

        public SdpParseResult Finish()
        {
            if (Origin is null)
            {
                return SdpParseResult.Failure(SdpParseError.MissingOrigin, "there is no o= line");
            }

            if (SessionName is null)
            {
                return SdpParseResult.Failure(SdpParseError.MissingSessionName, "there is no s= line");
            }

            if (Timings.Count == 0)
            {
                return SdpParseResult.Failure(SdpParseError.MissingTiming, "there is no t= line");
            }

            for (var i = 0; i < Media.Count; i++)
            {
                // RFC 4566 5.7: a c= line in every media or at session level. A rejected stream (port 0)
                // carries no media, and peers often omit its c= line, so it is not held to this.
                if (Connection is null && Media[i].Connection is null && !Media[i].IsRejected)
                {
                    return SdpParseResult.Failure(
                        SdpParseError.MissingConnection,
                        $"m= line {i + 1} ({Media[i].Media} {Media[i].Port}) has no c= line and the session has none");
                }
            }

            var timings = new List<SdpTiming>(Timings.Count);
            foreach (var (timing, repeats) in Timings)
            {
                timings.Add(repeats.Count == 0 ? timing : timing with { Repeats = repeats });
            }

            return SdpParseResult.Success(new SessionDescription
            {
                Origin = Origin,
                SessionName = SessionName,
                Information = Information,
                Uri = Uri,
                Emails = Emails,
                Phones = Phones,
                Connection = Connection,
                Bandwidths = Bandwidths,
                Timings = timings,
                TimeZones = TimeZones,
                EncryptionKey = EncryptionKey,
                Direction = Direction,
                OtherAttributes = Attributes,
                Media = Media,
            });
        }
    }
}
