using CallService.Lines;

namespace CallService.Tests.Lines;

/// <summary>Start-up checks of the sales lines: one message line per failure, naming the key.</summary>
public sealed class LinesOptionsValidatorTests
{
    private static LineOptions ValidLine(string number = "sales", string desk = "front-desk") => new()
    {
        Number = number,
        DisplayName = "海逸长洲",
        Desk = desk,
        GreetingPrompt = "prompts/greeting.wav",
        GreetingScript = "您好,海逸长洲!",
        HoldAudio = "prompts/hold.wav",
    };

    private static List<string> Check(params LineOptions[] lines)
    {
        var options = new LinesOptions();
        options.Lines.AddRange(lines);
        var result = new LinesOptionsValidator().Validate(null, options);
        List<string> failures = result.Failed ? [.. result.Failures!] : [];
        Assert.Equal(LinesOptionsValidator.Check(options), failures);
        Assert.Equal(failures.Count == 0, result.Succeeded);
        return failures;
    }

    [Fact]
    public void A_complete_line_with_defaults_is_accepted()
    {
        Assert.Empty(Check(ValidLine()));
    }

    [Fact]
    public void Nine_rings_on_the_front_desk_is_refused_with_one_line_naming_the_key()
    {
        LineOptions line = ValidLine();
        line.AutoAnswerAfterRings = 9;

        Assert.Equal(
            ["Lines:0:AutoAnswerAfterRings = 9: must be between 0 and 3 for a front-desk line (the handbook's maximum)"],
            Check(line));
    }

    [Theory]
    [InlineData("front-desk", 0, true)]
    [InlineData("front-desk", 3, true)]
    [InlineData("front-desk", 4, false)]
    [InlineData("bar", 4, true)]
    [InlineData("showroom", 4, true)]
    [InlineData("bar", 5, false)]
    [InlineData("showroom", -1, false)]
    public void The_auto_answer_limit_is_the_desks_handbook_maximum(string desk, int rings, bool accepted)
    {
        LineOptions line = ValidLine(desk: desk);
        line.AutoAnswerAfterRings = rings;

        List<string> failures = Check(line);

        if (accepted)
        {
            Assert.Empty(failures);
        }
        else
        {
            int max = desk == "front-desk" ? 3 : 4;
            Assert.Equal(
                [$"Lines:0:AutoAnswerAfterRings = {rings}: must be between 0 and {max} for a {desk} line (the handbook's maximum)"],
                failures);
        }
    }

    [Fact]
    public void A_custom_cadence_needs_its_list()
    {
        LineOptions line = ValidLine();
        line.Cadence = "custom";

        string failure = Assert.Single(Check(line));

        Assert.StartsWith("Lines:0:CustomCadenceMs is missing: required with Cadence = \"custom\"", failure);
    }

    [Fact]
    public void A_custom_cadence_list_must_be_even_and_in_range_with_each_bad_part_named()
    {
        LineOptions line = ValidLine();
        line.Cadence = "custom";
        line.CustomCadenceMs = [1000, 20, 400];

        Assert.Equal(
            [
                "Lines:0:CustomCadenceMs has 3 values: must be an even count of on/off durations in ms (on, off, on, off ...)",
                "Lines:0:CustomCadenceMs:1 = 20: each on/off duration must be between 50 and 10000 ms",
            ],
            Check(line));
    }

    [Fact]
    public void A_valid_custom_cadence_is_accepted_and_a_list_without_custom_is_refused()
    {
        LineOptions custom = ValidLine("sales");
        custom.Cadence = "custom";
        custom.CustomCadenceMs = [400, 200, 400, 2000];
        LineOptions stray = ValidLine("bar-line", "bar");
        stray.Cadence = "us";
        stray.CustomCadenceMs = [1000, 4000];

        string failure = Assert.Single(Check(custom, stray));

        Assert.StartsWith("Lines:1:CustomCadenceMs has 2 values: only allowed with Lines:1:Cadence = \"custom\"", failure);
    }

    [Fact]
    public void Duplicate_numbers_are_refused_ignoring_case()
    {
        string failure = Assert.Single(Check(ValidLine("sales"), ValidLine("lease", "bar"), ValidLine("Sales", "showroom")));

        Assert.Equal(
            "Lines:2:Number = \"Sales\": duplicates Lines:0:Number; each line needs its own number (compared ignoring case)",
            failure);
    }

    [Fact]
    public void An_empty_lines_list_is_refused()
    {
        string failure = Assert.Single(Check());

        Assert.StartsWith("Lines is empty: configure at least one sales line", failure);
    }

    [Fact]
    public void Every_failure_is_its_own_line_naming_its_key()
    {
        var line = new LineOptions
        {
            Number = "sa les",
            Desk = "kitchen",
            GreetingPrompt = "greeting.mp3",
            Cadence = "fr",
            TargetRings = 0,
            LookupCallbackSeconds = 4,
            RingStrategy = "random",
            RotationRingsPerAgent = 0,
        };

        List<string> failures = Check(line);

        Assert.Equal(
            [
                "Lines:0:Number = \"sa les\": must be SIP token characters only (letters, digits and - . ! % * _ + ` ' ~; RFC 3261 25.1)",
                "Lines:0:Desk = \"kitchen\": must be one of \"front-desk\", \"bar\", \"showroom\"",
                "Lines:0:GreetingPrompt = \"greeting.mp3\": must be a .wav file path (the greeting played on auto-answer)",
                "Lines:0:HoldAudio is missing: required, the audio a waiting caller hears (a .wav file path)",
                "Lines:0:GreetingScript is missing: required, the greeting shown to the agent (e.g. \"您好,海逸长洲!\")",
                "Lines:0:Cadence = \"fr\": must be one of \"cn\", \"us\", \"uk\", \"custom\"",
                "Lines:0:TargetRings = 0: must be between 1 and 4 (the handbook's maximum for any desk)",
                "Lines:0:RotationRingsPerAgent = 0: must be between 1 and 4 (the handbook's maximum for any desk)",
                "Lines:0:LookupCallbackSeconds = 4: must be between 5 and 600 (seconds on hold before the callback offer; the handbook's is 30)",
                "Lines:0:RingStrategy = \"random\": must be one of \"ring-all\", \"rotation\"",
            ],
            failures);
        Assert.All(failures, f => Assert.DoesNotContain('\n', f));
    }

    [Theory]
    [InlineData(5, true)]
    [InlineData(600, true)]
    [InlineData(601, false)]
    public void The_lookup_callback_is_5_to_600_seconds(int seconds, bool accepted)
    {
        LineOptions line = ValidLine();
        line.LookupCallbackSeconds = seconds;
        Assert.Equal(accepted, Check(line).Count == 0);
    }

    [Fact]
    public void Missing_number_and_desk_are_named()
    {
        var line = ValidLine();
        line.Number = " ";
        line.Desk = "";

        Assert.Equal(
            [
                "Lines:0:Number is missing: required, the SIP user part callers dial (e.g. \"sales\")",
                "Lines:0:Desk is missing: must be one of \"front-desk\", \"bar\", \"showroom\"",
            ],
            Check(line));
    }
}
