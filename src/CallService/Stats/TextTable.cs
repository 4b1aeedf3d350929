using System.Globalization;
using System.Text;

namespace CallService.Stats;

/// <summary>A plain-text table: a header row, a rule, then rows; the first column left-aligned, the others right.</summary>
internal sealed class TextTable(params string[] headers)
{
    private readonly List<string[]> _rows = [];

    public void Add(params string[] cells)
    {
        if (cells.Length != headers.Length)
        {
            throw new ArgumentException($"A row needs {headers.Length} cells, got {cells.Length}.", nameof(cells));
        }
        _rows.Add(cells);
    }

    public void WriteTo(TextWriter writer, string indent = "  ")
    {
        var widths = new int[headers.Length];
        foreach (string[] row in _rows.Prepend(headers))
        {
            for (int i = 0; i < row.Length; i++)
            {
                widths[i] = Math.Max(widths[i], DisplayWidth(row[i]));
            }
        }
        WriteRow(writer, indent, headers, widths);
        writer.WriteLine(indent + string.Join("  ", widths.Select(w => new string('-', w))));
        foreach (string[] row in _rows)
        {
            WriteRow(writer, indent, row, widths);
        }
    }

    private static void WriteRow(TextWriter writer, string indent, string[] cells, int[] widths)
    {
        var line = new StringBuilder(indent);
        for (int i = 0; i < cells.Length; i++)
        {
            string padding = new(' ', widths[i] - DisplayWidth(cells[i]));
            line.Append(i == 0 ? cells[i] + padding : padding + cells[i]);
            if (i < cells.Length - 1)
            {
                line.Append("  ");
            }
        }
        writer.WriteLine(line.ToString().TrimEnd());
    }

    /// <summary>Terminal columns: CJK characters take two.</summary>
    private static int DisplayWidth(string text)
    {
        int width = 0;
        foreach (char c in text)
        {
            width += c >= '\u1100' && CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.OtherLetter ? 2 : 1;
        }
        return width;
    }
}
