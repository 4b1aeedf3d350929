using System.Text;
using CallService.Sip.Messages;
using CallService.Tests.Conformance;

namespace CallService.Tests.Messages;

/// <summary>
/// Robustness: ~20,000 random and mutated buffers derived from a valid INVITE (and the torture messages)
/// never make the parser, framer or any accessor of a parsed message throw.
/// </summary>
public class SipParserFuzzTests
{
    private const int Iterations = 20_000;

    private static readonly byte[] Specials = "\r\n:;,<>\"\\%@ \t=?&[]/*\0"u8.ToArray().Concat(new byte[] { 0x7F, 0x80, 0xC3, 0xFF }).ToArray();

    [Fact]
    public void Mutated_messages_never_throw()
    {
        var random = new Random(4475);
        var seeds = new List<byte[]> { SipSamples.Bytes(SipSamples.Invite), SipSamples.Bytes(SipSamples.Ok) };
        seeds.AddRange(Rfc4475Index.Entries.Keys.Select(Rfc4475Index.ReadBytes));

        var parsed = 0;
        var failures = new List<string>();
        for (var i = 0; i < Iterations && failures.Count < 5; i++)
        {
            // Most inputs come from the INVITE; the rest from the other seeds.
            var seed = i % 4 == 0 ? seeds[random.Next(seeds.Count)] : seeds[0];
            var input = Mutate(seed, random);
            try
            {
                if (Exercise(input)) parsed++;
            }
            catch (Exception ex)
            {
                failures.Add($"#{i}: {ex.GetType().Name}: {ex.Message}\n{Convert.ToBase64String(input)}\n{ex.StackTrace}");
            }
        }

        Assert.True(failures.Count == 0, string.Join("\n\n", failures));

        // The mutations are not all fatal: a fair share still parses, so the accessors were exercised.
        Assert.InRange(parsed, Iterations / 20, Iterations - 1);
    }

    /// <summary>Parses, frames, and reads everything a caller could read. Returns whether it parsed.</summary>
    private static bool Exercise(byte[] input)
    {
        SipStreamFramer.TryFrame(input, out _, out _);
        var result = SipParser.Parse(input);
        if (!result.Success)
        {
            Assert.NotEqual(SipParseError.None, result.Error);
            var (code, reason) = SipRejections.ToResponse(result);
            Assert.InRange(code, 400, 599);
            Assert.False(reason.Contains('\r') || reason.Contains('\n'));
            var response = SipRejections.CreateResponse(result);
            if (response is not null) SipWriter.ToBytes(response);
            return false;
        }

        var message = result.Message!;
        ReadEverything(message);
        if (message is SipRequest request)
        {
            _ = request.RequestUri.ToString();
            SipRequestValidator.Validate(request, SipValidationPolicy.Default);
            SipRequestValidator.Validate(request, new SipValidationPolicy { IsProxy = true });
            var answer = SipResponseFactory.Create(request, 200, toTag: "fuzz");
            SipWriter.ToBytes(answer);
        }

        // What we write we can read back.
        var again = SipParser.Parse(SipWriter.ToBytes(message));
        Assert.True(again.Success, again.ToString());
        Assert.Equal(message.CallId, again.Message!.CallId);
        return true;
    }

    private static void ReadEverything(SipMessage message)
    {
        _ = message.CallId;
        _ = message.CSeq.ToString();
        _ = message.From.ToString();
        _ = message.To.ToString();
        _ = message.From.Uri.ToString();
        _ = message.To.Tag;
        foreach (var via in message.Vias)
        {
            _ = via.ToString();
            _ = via.Branch;
            _ = via.Rport;
            _ = via.Received;
        }

        _ = message.TopVia;
        foreach (var a in message.Contacts.Concat(message.Routes).Concat(message.RecordRoutes)) _ = a.ToString() + a.Uri.ToString();
        _ = message.MaxForwards;
        _ = message.ContentType;
        _ = message.Expires;
        foreach (var header in message.Headers)
        {
            _ = message.Headers.GetValues(header.Name).Count();
            _ = message.Headers.GetAll(header.Name);
        }

        foreach (var header in message.Headers.Received) _ = header.Value;
    }

    private static byte[] Mutate(byte[] seed, Random random)
    {
        var data = new List<byte>(seed);
        var rounds = 1 + random.Next(3);
        for (var r = 0; r < rounds; r++)
        {
            switch (random.Next(9))
            {
                case 0: // bit flips
                    for (var k = 1 + random.Next(8); k > 0 && data.Count > 0; k--)
                    {
                        var at = random.Next(data.Count);
                        data[at] ^= (byte)(1 << random.Next(8));
                    }

                    break;
                case 1: // truncation
                    data = data.Take(random.Next(data.Count + 1)).ToList();
                    break;
                case 2: // a huge header
                    InsertLine(data, random, "X-Huge: " + new string((char)('a' + random.Next(26)), 1000 + random.Next(80_000)));
                    break;
                case 3: // a huge value inside a routing header
                    InsertLine(data, random, "Via: SIP/2.0/UDP h.example.com;branch=z9hG4bK" + new string('b', 5000 + random.Next(20_000)));
                    break;
                case 4: // special characters
                    for (var k = 1 + random.Next(6); k > 0 && data.Count > 0; k--) data[random.Next(data.Count)] = Specials[random.Next(Specials.Length)];
                    break;
                case 5: // insert random bytes
                {
                    var count = 1 + random.Next(32);
                    var bytes = new byte[count];
                    random.NextBytes(bytes);
                    data.InsertRange(random.Next(data.Count + 1), bytes);
                    break;
                }

                case 6: // delete a range
                    if (data.Count > 1)
                    {
                        var at = random.Next(data.Count);
                        data.RemoveRange(at, Math.Min(data.Count - at, 1 + random.Next(64)));
                    }

                    break;
                case 7: // duplicate a line
                {
                    var lines = Encoding.Latin1.GetString(data.ToArray()).Split("\r\n").ToList();
                    if (lines.Count > 2)
                    {
                        var at = 1 + random.Next(lines.Count - 1);
                        lines.Insert(at, lines[at]);
                    }

                    data = Encoding.Latin1.GetBytes(string.Join("\r\n", lines)).ToList();
                    break;
                }

                default: // entirely random bytes, sometimes behind a plausible start line
                {
                    var bytes = new byte[random.Next(512)];
                    random.NextBytes(bytes);
                    data = (random.Next(2) == 0 ? "INVITE sip:a@b SIP/2.0\r\n"u8.ToArray().Concat(bytes) : bytes).ToList();
                    break;
                }
            }
        }

        return [.. data];
    }

    private static void InsertLine(List<byte> data, Random random, string line)
    {
        var text = Encoding.Latin1.GetString(data.ToArray());
        var firstLineEnd = text.IndexOf("\r\n", StringComparison.Ordinal);
        var at = firstLineEnd < 0 ? text.Length : firstLineEnd + 2;
        if (random.Next(2) == 0 && firstLineEnd >= 0)
        {
            var next = text.IndexOf("\r\n", at, StringComparison.Ordinal);
            if (next > 0) at = next + 2;
        }

        data.InsertRange(Math.Min(at, data.Count), Encoding.ASCII.GetBytes(line + "\r\n"));
    }
}
