using System.Security.Cryptography;
using CallService.Sip.Messages;

namespace CallService.Tests.Conformance;

/// <summary>
/// RFC 4475 torture messages: the INDEX verdict decides accept or reject; <see cref="Rfc4475Expectations"/>
/// says which reason, which response and which fields.
/// </summary>
public class Rfc4475Tests
{
    public static TheoryData<string> Files()
    {
        var data = new TheoryData<string>();
        foreach (var file in Rfc4475Index.Entries.Keys.Order(StringComparer.Ordinal)) data.Add(file);
        return data;
    }

    [Fact]
    public void Index_lists_every_file_byte_exact()
    {
        var onDisk = Directory.GetFiles(Rfc4475Index.Directory, "*.dat").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(50, Rfc4475Index.Entries.Count);
        Assert.Equal(Rfc4475Index.Entries.Keys.Order(StringComparer.Ordinal), onDisk);
        foreach (var entry in Rfc4475Index.Entries.Values)
        {
            var bytes = Rfc4475Index.ReadBytes(entry.File);
            Assert.Equal(entry.Bytes, bytes.Length);
            Assert.Equal(entry.Sha256Prefix, Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]);
        }
    }

    [Fact]
    public void Every_referenced_file_has_an_expectation()
    {
        var referenced = Rfc4475Index.Entries.Values.Where(e => e.Verdict != "unreferenced").Select(e => e.File).Order(StringComparer.Ordinal);
        Assert.Equal(referenced, Rfc4475Expectations.All.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Files))]
    public void Torture_message_is_handled_as_rfc4475_asks(string file)
    {
        var entry = Rfc4475Index.Entries[file];
        var result = SipParser.Parse(Rfc4475Index.ReadBytes(file));
        Assert.Equal(result.Success, result.Error == SipParseError.None);

        switch (entry.Verdict)
        {
            case "valid":
            case "valid-parse":
                AssertAccepted(entry, result);
                break;
            case "invalid":
                AssertRejected(entry, result);
                break;
            case "unreferenced":
                // test.dat is described by no section: nothing to expect beyond a clean, non-throwing parse.
                Assert.True(result.Success || result.Detail is not null);
                break;
            default:
                Assert.Fail($"Unknown verdict '{entry.Verdict}' for {file}.");
                break;
        }
    }

    private static void AssertAccepted(Rfc4475Entry entry, SipParseResult result)
    {
        var expected = Rfc4475Expectations.All[entry.File];
        Assert.True(result.Success, $"{entry.File} ({entry.Section}) must parse: {result}");
        Assert.Equal(SipParseError.None, expected.ParseError);
        var message = result.Message!;
        expected.Check?.Invoke(message);

        // What the stack answers: nothing (0) means the request is handled normally.
        if (message is SipRequest request)
        {
            var validation = SipRequestValidator.Validate(request, expected.Policy ?? SipValidationPolicy.Default);
            Assert.Equal(expected.Code, validation.StatusCode);
        }
        else
        {
            Assert.Equal(0, expected.Code);
        }

        // A parsed message writes back to bytes that parse to the same routing fields.
        var again = SipParser.Parse(SipWriter.ToBytes(message));
        Assert.True(again.Success, $"{entry.File} rewritten: {again}");
        Assert.Equal(message.CallId, again.Message!.CallId);
        Assert.Equal(message.CSeq, again.Message.CSeq);
        Assert.Equal(message.Vias.Select(v => v.ToString()), again.Message.Vias.Select(v => v.ToString()));
        Assert.Equal(message.Body.ToArray(), again.Message.Body.ToArray());
    }

    private static void AssertRejected(Rfc4475Entry entry, SipParseResult result)
    {
        var expected = Rfc4475Expectations.All[entry.File];
        Assert.True(expected.Code != 0 || expected.Drop, $"{entry.File}: the table must say how it is rejected");

        if (result.Success)
        {
            // Well-formed SIP with a semantic fault: the validator must reject it.
            Assert.Equal(SipParseError.None, expected.ParseError);
            var request = Assert.IsType<SipRequest>(result.Message);
            var validation = SipRequestValidator.Validate(request, expected.Policy ?? SipValidationPolicy.Default);
            Assert.False(validation.IsOk, $"{entry.File} ({entry.Section}) must be rejected");
            Assert.Equal(expected.Code, validation.StatusCode);
            return;
        }

        Assert.Equal(expected.ParseError, result.Error);
        var response = SipRejections.CreateResponse(result);
        if (expected.Drop)
        {
            Assert.Null(response); // a broken response is discarded, never answered
            return;
        }

        Assert.NotNull(response);
        Assert.Equal(expected.Code, response.StatusCode);
        Assert.Equal(expected.Code, SipRejections.ToResponse(result).Code);
        Assert.False(string.IsNullOrWhiteSpace(response.ReasonPhrase));

        // The answer echoes what could be recovered of the request (RFC 3261 8.2.6.2).
        var partial = result.PartialRequest!;
        Assert.Equal(partial.Headers.GetAll("Via"), response.Headers.GetAll("Via"));
        Assert.Equal(partial.Headers["Call-ID"], response.Headers["Call-ID"]);
        Assert.Equal(partial.Headers["CSeq"], response.Headers["CSeq"]);
        Assert.NotEmpty(SipWriter.ToBytes(response));
    }
}
