using Microsoft.Extensions.Options;

namespace CallService.Lines;

/// <summary>The configured sales lines, found by the number a caller dialled.</summary>
public sealed class SalesLineDirectory
{
    private readonly Dictionary<string, SalesLine> _byNumber;

    /// <summary>Builds the directory from validated options (resolving it runs the validator first).</summary>
    public SalesLineDirectory(IOptions<LinesOptions> options)
        : this(Require(options).Value.Lines.Select(SalesLine.From))
    {
    }

    /// <summary>Builds the directory from typed lines (tests, tools).</summary>
    /// <exception cref="ArgumentException">two lines share a number (ignoring case).</exception>
    public SalesLineDirectory(IEnumerable<SalesLine> lines)
    {
        ArgumentNullException.ThrowIfNull(lines);
        Lines = [.. lines];
        _byNumber = new Dictionary<string, SalesLine>(StringComparer.OrdinalIgnoreCase);
        foreach (SalesLine line in Lines)
        {
            if (!_byNumber.TryAdd(line.Number, line))
            {
                throw new ArgumentException($"Two lines have the number \"{line.Number}\".", nameof(lines));
            }
        }
    }

    /// <summary>All lines in configuration order.</summary>
    public IReadOnlyList<SalesLine> Lines { get; }

    /// <summary>
    /// The line for a dialled user part. Case is ignored: the validator refuses numbers that differ
    /// only in case, so the match is never ambiguous, and a caller dialling "Sales" still reaches "sales".
    /// </summary>
    public bool TryFind(string? number, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out SalesLine? line)
    {
        line = null;
        return number is not null && _byNumber.TryGetValue(number, out line);
    }

    private static IOptions<LinesOptions> Require(IOptions<LinesOptions> options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options;
    }
}
