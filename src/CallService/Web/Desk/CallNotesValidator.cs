using System.Globalization;

namespace CallService.Web.Desk;

/// <summary>
/// Checks and normalises the desk's notes on the server (the page checks too, but only the server's
/// word counts): fields are trimmed, an empty field means "not known", lengths count characters as a
/// reader sees them (text elements, so "王" is one and an emoji is one), and control characters are
/// refused except line breaks and tabs in the request. Errors are per field, for RFC 9457
/// validation problem details.
/// </summary>
public static class CallNotesValidator
{
    /// <summary>The longest surname (issue 6: 1-20 characters).</summary>
    public const int MaxSurname = 20;

    /// <summary>The longest request (issue 6: up to 2,000 characters).</summary>
    public const int MaxRequest = 2000;

    /// <summary>The honorifics the handbook uses; "none" (or empty) means no honorific.</summary>
    public static IReadOnlyList<string> Honorifics { get; } = ["先生", "女士"];

    /// <summary>The notes, or the errors by field name ("surname", "honorific", "request").</summary>
    public static (CallNotes? Notes, Dictionary<string, string[]> Errors) Validate(CallNotesInput? input)
    {
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        string? surname = Clean(input?.Surname);
        string? honorific = Clean(input?.Honorific);
        string? request = Clean(input?.Request?.Replace("\r\n", "\n", StringComparison.Ordinal));

        if (surname is not null)
        {
            int length = new StringInfo(surname).LengthInTextElements;
            if (length > MaxSurname)
            {
                errors["surname"] = [$"The surname may have at most {MaxSurname} characters ({length} given)."];
            }
            else if (surname.Any(char.IsControl))
            {
                errors["surname"] = ["The surname may not contain control characters or line breaks."];
            }
        }
        if (honorific is not null)
        {
            if (honorific.Equals("none", StringComparison.OrdinalIgnoreCase))
            {
                honorific = null;
            }
            else if (!Honorifics.Contains(honorific, StringComparer.Ordinal))
            {
                errors["honorific"] = [$"The honorific must be {string.Join(", ", Honorifics)} or none."];
            }
        }
        if (request is not null)
        {
            int length = new StringInfo(request).LengthInTextElements;
            if (length > MaxRequest)
            {
                errors["request"] = [$"The request may have at most {MaxRequest} characters ({length} given)."];
            }
            else if (request.Any(c => char.IsControl(c) && c is not ('\n' or '\t')))
            {
                errors["request"] = ["The request may not contain control characters other than line breaks and tabs."];
            }
        }
        return errors.Count > 0 ? (null, errors) : (new CallNotes(surname, honorific, request), errors);
    }

    private static string? Clean(string? value)
    {
        string? trimmed = value?.Trim();
        return string.IsNullOrEmpty(trimmed) ? null : trimmed;
    }
}
