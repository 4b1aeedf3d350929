using CallService.Web.Desk;

namespace CallService.Tests.Web.Desk;

/// <summary>The server's checks of the desk's notes: trimmed, lengths in characters as read, per-field errors.</summary>
public sealed class CallNotesValidatorTests
{
    private static (CallNotes? Notes, Dictionary<string, string[]> Errors) Check(string? surname, string? honorific, string? request) =>
        CallNotesValidator.Validate(new CallNotesInput { Surname = surname, Honorific = honorific, Request = request });

    [Fact]
    public void Fields_are_trimmed_and_empty_ones_mean_not_known()
    {
        var (notes, errors) = Check("  王 ", "先生", "  周六看三房  ");
        Assert.Empty(errors);
        Assert.Equal(new CallNotes("王", "先生", "周六看三房"), notes);
        Assert.Equal(new CallNotes(null, null, null), Check("   ", "", "\n ").Notes);
        Assert.Equal(new CallNotes(null, null, null), CallNotesValidator.Validate(null).Notes);
    }

    [Theory]
    [InlineData("none")]
    [InlineData("NONE")]
    [InlineData(" ")]
    [InlineData(null)]
    public void None_or_no_honorific_is_stored_as_none(string? honorific) =>
        Assert.Null(Check("王", honorific, null).Notes!.Honorific);

    [Theory]
    [InlineData("女士")]
    [InlineData("先生")]
    public void The_handbook_s_honorifics_are_accepted(string honorific) =>
        Assert.Equal(honorific, Check("李", honorific, null).Notes!.Honorific);

    [Theory]
    [InlineData("小姐")]
    [InlineData("Mr")]
    public void Another_honorific_is_a_field_error(string honorific)
    {
        var (notes, errors) = Check("李", honorific, null);
        Assert.Null(notes);
        Assert.Equal(["honorific"], errors.Keys);
        Assert.Contains("先生, 女士 or none", errors["honorific"][0]);
    }

    [Fact]
    public void A_surname_has_1_to_20_characters_counted_as_read()
    {
        Assert.NotNull(Check(new string('欧', 20), null, null).Notes);
        Assert.NotNull(Check(string.Concat(Enumerable.Repeat("👍", 20)), null, null).Notes); // 40 UTF-16 units, 20 characters
        var (notes, errors) = Check(new string('欧', 21), null, null);
        Assert.Null(notes);
        Assert.Equal("The surname may have at most 20 characters (21 given).", Assert.Single(errors["surname"]));
        // The classic probe is 25 characters: refused for its length, not for its content.
        Assert.Equal(["surname"], Check("<script>alert(1)</script>", null, null).Errors.Keys);
    }

    [Fact]
    public void Markup_is_kept_verbatim_it_is_only_text()
    {
        var (notes, errors) = Check("<script>王</script>", "女士", "<img src=x onerror=alert(1)> & \"quotes\"");
        Assert.Empty(errors);
        Assert.Equal("<script>王</script>", notes!.Surname);
        Assert.Equal("<img src=x onerror=alert(1)> & \"quotes\"", notes.Request);
    }

    [Fact]
    public void A_request_has_up_to_2000_characters_with_line_breaks()
    {
        Assert.NotNull(Check(null, null, new string('房', 2000)).Notes);
        Assert.Equal("第一行\n第二行", Check(null, null, "第一行\r\n第二行").Notes!.Request);
        var (notes, errors) = Check(null, null, new string('房', 2001));
        Assert.Null(notes);
        Assert.Equal(["request"], errors.Keys);
    }

    [Fact]
    public void Control_characters_are_refused_per_field_and_all_errors_are_reported_together()
    {
        var (notes, errors) = Check("王\n李", "先", "a\u0007b");
        Assert.Null(notes);
        Assert.Equal(["honorific", "request", "surname"], errors.Keys.Order());
    }
}
