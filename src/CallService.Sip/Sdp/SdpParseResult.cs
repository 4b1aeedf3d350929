using System.Diagnostics.CodeAnalysis;

namespace CallService.Sip.Sdp;

/// <summary>What <see cref="SdpParser"/> made of a body: a description, or a typed rejection.</summary>
public sealed class SdpParseResult
{
    private SdpParseResult(SessionDescription? description, SdpParseError error, string? detail, int lineNumber)
    {
        Description = description;
        Error = error;
        Detail = detail;
        LineNumber = lineNumber;
    }

    /// <summary>The parsed description; set exactly when <see cref="IsSuccess"/>.</summary>
    public SessionDescription? Description { get; }

    /// <summary>The rejection reason, <see cref="SdpParseError.None"/> on success.</summary>
    public SdpParseError Error { get; }

    /// <summary>A short human-readable explanation of the rejection (for logs), null on success.</summary>
    public string? Detail { get; }

    /// <summary>The 1-based line the rejection refers to; 0 when it concerns the whole body.</summary>
    public int LineNumber { get; }

    /// <summary>True when the body parsed.</summary>
    [MemberNotNullWhen(true, nameof(Description))]
    public bool IsSuccess => Description is not null;

    /// <summary>A successful result.</summary>
    public static SdpParseResult Success(SessionDescription description)
    {
        ArgumentNullException.ThrowIfNull(description);
        return new SdpParseResult(description, SdpParseError.None, null, 0);
    }

    /// <summary>A rejection.</summary>
    public static SdpParseResult Failure(SdpParseError error, string detail, int lineNumber = 0)
    {
        if (error == SdpParseError.None)
        {
            throw new ArgumentOutOfRangeException(nameof(error), "A failure needs a reason.");
        }

        return new SdpParseResult(null, error, detail, lineNumber);
    }

    /// <inheritdoc/>
    public override string ToString() => IsSuccess
        ? "SDP parsed"
        : LineNumber > 0 ? $"{Error} at line {LineNumber}: {Detail}" : $"{Error}: {Detail}";
}
