using System.Text;

namespace CallService.Sip.Transport;

public sealed class TcpFramerTests
{
    private const string Options =
        "OPTIONS sip:a@example.com SIP/2.0\r\nVia: SIP/2.0/TCP h;branch=z9hG4bK1\r\nContent-Length: 0\r\n\r\n";

    private const string WithBody =
        "MESSAGE sip:a@example.com SIP/2.0\r\nContent-Type: text/plain\r\nContent-Length: 5\r\n\r\nhello";

    private const string Compact = "MESSAGE sip:a@example.com SIP/2.0\r\nl:3\r\n\r\nabc";

    [Theory]
    [InlineData(Options, 0)]
    [InlineData(WithBody, 5)]
    [InlineData(Compact, 3)]
    [InlineData("X s SIP/2.0\r\ncontent-length :  \t7 \r\n\r\n1234567", 7)]
    [InlineData("X s SIP/2.0\r\nL\t: 2\r\n\r\nab", 2)]
    [InlineData("X s SIP/2.0\r\nContent-Length:\r\n  4\r\n\r\nabcd", 4)] // RFC 3261 7.3.1 folding
    [InlineData("X s SIP/2.0\r\nContent-Length: 2\r\nl: 2\r\n\r\nab", 2)] // duplicates that agree
    [InlineData("X s SIP/2.0\r\nContent-Length: 0002\r\n\r\nab", 2)]
    public void Whole_message_is_one_frame(string text, int bodyLength)
    {
        byte[] bytes = Encoding.ASCII.GetBytes(text);
        var framer = new TcpFramer(64 * 1024, 64 * 1024);

        TcpFrame frame = framer.Next(bytes);

        Assert.Equal(TcpFrameKind.Message, frame.Kind);
        Assert.Equal(bytes.Length, frame.Length);
        Assert.Equal(bodyLength, bytes.Length - (text.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4));
    }

    [Theory]
    [InlineData("X s SIP/2.0\r\nVia: a\r\n\r\n", (int)TcpFramingError.MissingContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length: 1x\r\n\r\n", (int)TcpFramingError.InvalidContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length: -1\r\n\r\n", (int)TcpFramingError.InvalidContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length:\r\n\r\n", (int)TcpFramingError.InvalidContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length: 1 2\r\n\r\n", (int)TcpFramingError.InvalidContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length: 1\r\nl: 2\r\n\r\n", (int)TcpFramingError.InvalidContentLength)]
    [InlineData("X s SIP/2.0\r\nContent-Length: 99999999999999999999\r\n\r\n", (int)TcpFramingError.BodyTooLarge)]
    [InlineData("X s SIP/2.0\r\nContent-Length: 65537\r\n\r\n", (int)TcpFramingError.BodyTooLarge)]
    [InlineData("X s SIP/2.0\r\nContent-Lengthy: 1\r\n\r\n", (int)TcpFramingError.MissingContentLength)]
    [InlineData("X s SIP/2.0\r\nXl: 1\r\n\r\n", (int)TcpFramingError.MissingContentLength)]
    public void Bad_content_length_is_invalid(string text, int expected)
    {
        var framer = new TcpFramer(64 * 1024, 64 * 1024);

        TcpFrame frame = framer.Next(Encoding.ASCII.GetBytes(text));

        Assert.Equal(TcpFrameKind.Invalid, frame.Kind);
        Assert.Equal((TcpFramingError)expected, frame.Error);
    }

    [Fact]
    public void Header_block_without_end_beyond_limit_is_invalid()
    {
        var framer = new TcpFramer(1024, 1024);
        byte[] header = Encoding.ASCII.GetBytes("X s SIP/2.0\r\nSubject: " + new string('a', 1000) + "\r\n");

        Assert.Equal(TcpFrameKind.NeedMoreData, framer.Next(header.AsSpan(0, 1000)).Kind);
        TcpFrame frame = framer.Next(header);

        Assert.Equal(TcpFrameKind.Invalid, frame.Kind);
        Assert.Equal(TcpFramingError.HeaderBlockTooLarge, frame.Error);
    }

    [Fact]
    public void Header_block_exactly_at_limit_is_accepted()
    {
        string text = "X s SIP/2.0\r\nl: 0\r\n\r\n";
        var framer = new TcpFramer(text.Length, 0);

        Assert.Equal(new TcpFrame(TcpFrameKind.Message, text.Length), framer.Next(Encoding.ASCII.GetBytes(text)));
    }

    [Theory]
    [InlineData("\r\n\r\n", (int)TcpFrameKind.KeepAlivePing, 4)]
    [InlineData("\r\nOPTIONS", (int)TcpFrameKind.KeepAlivePong, 2)]
    [InlineData("\r\n\r\nOPTIONS", (int)TcpFrameKind.KeepAlivePing, 4)]
    [InlineData("\r\nX\r\n", (int)TcpFrameKind.KeepAlivePong, 2)]
    [InlineData("\r\n", (int)TcpFrameKind.NeedMoreData, 0)]
    [InlineData("\r\n\r", (int)TcpFrameKind.NeedMoreData, 0)]
    [InlineData("\r", (int)TcpFrameKind.NeedMoreData, 0)]
    public void Keep_alives_between_messages(string text, int kind, int length)
    {
        var framer = new TcpFramer(64 * 1024, 64 * 1024);

        Assert.Equal(new TcpFrame((TcpFrameKind)kind, length), framer.Next(Encoding.ASCII.GetBytes(text)));
    }

    [Fact]
    public void Stream_split_at_every_byte_boundary_yields_the_same_frames()
    {
        string stream = "\r\n\r\n" + Options + "\r\n" + WithBody + Compact + "\r\n\r\n" + Options;
        byte[] bytes = Encoding.ASCII.GetBytes(stream);
        List<(TcpFrameKind, string)> expected = FeedInChunks(bytes, [bytes.Length]);
        Assert.Equal(
            [
                (TcpFrameKind.KeepAlivePing, "\r\n\r\n"),
                (TcpFrameKind.Message, Options),
                (TcpFrameKind.KeepAlivePong, "\r\n"),
                (TcpFrameKind.Message, WithBody),
                (TcpFrameKind.Message, Compact),
                (TcpFrameKind.KeepAlivePing, "\r\n\r\n"),
                (TcpFrameKind.Message, Options),
            ],
            expected);

        for (int split = 1; split < bytes.Length; split++)
        {
            Assert.Equal(expected, FeedInChunks(bytes, [split, bytes.Length - split]));
        }

        Assert.Equal(expected, FeedInChunks(bytes, Enumerable.Repeat(1, bytes.Length).ToArray()));
    }

    [Fact]
    public void Random_chunking_yields_the_same_frames()
    {
        string stream = string.Concat(Enumerable.Repeat(Options + WithBody + "\r\n\r\n" + Compact, 20));
        byte[] bytes = Encoding.ASCII.GetBytes(stream);
        List<(TcpFrameKind, string)> expected = FeedInChunks(bytes, [bytes.Length]);
        Assert.Equal(80, expected.Count);
        var random = new Random(3261);
        for (int round = 0; round < 200; round++)
        {
            var chunks = new List<int>();
            for (int left = bytes.Length; left > 0;)
            {
                int size = Math.Min(left, random.Next(1, 300));
                chunks.Add(size);
                left -= size;
            }

            Assert.Equal(expected, FeedInChunks(bytes, [.. chunks]));
        }
    }

    [Fact]
    public void Need_more_reports_the_whole_frame_length_once_the_header_block_is_known()
    {
        byte[] bytes = Encoding.ASCII.GetBytes(WithBody);
        var framer = new TcpFramer(64 * 1024, 64 * 1024);

        TcpFrame frame = framer.Next(bytes.AsSpan(0, bytes.Length - 1));

        Assert.Equal(TcpFrame.NeedMore(bytes.Length), frame);
        Assert.Equal(new TcpFrame(TcpFrameKind.Message, bytes.Length), framer.Next(bytes));
    }

    // Mimics a connection: append each chunk to a buffer, take frames off the front until the framer wants more.
    private static List<(TcpFrameKind, string)> FeedInChunks(byte[] stream, int[] chunks)
    {
        var framer = new TcpFramer(64 * 1024, 64 * 1024);
        var frames = new List<(TcpFrameKind, string)>();
        var buffer = new List<byte>();
        int offset = 0;
        foreach (int chunk in chunks)
        {
            buffer.AddRange(stream.AsSpan(offset, chunk));
            offset += chunk;
            while (true)
            {
                TcpFrame frame = framer.Next(buffer.ToArray());
                Assert.NotEqual(TcpFrameKind.Invalid, frame.Kind);
                if (frame.Kind == TcpFrameKind.NeedMoreData)
                {
                    break;
                }

                frames.Add((frame.Kind, Encoding.ASCII.GetString(buffer.GetRange(0, frame.Length).ToArray())));
                buffer.RemoveRange(0, frame.Length);
            }
        }

        Assert.Empty(buffer);
        return frames;
    }
}
