using System.Text.Json;
using CallService.Records;

namespace CallService.Tests.Records;

/// <summary>The <c>calls --json</c> format: exact field names, enum spellings, nulls written.</summary>
public sealed class CallRecordJsonTests
{
    private static readonly string[] FieldNames =
    [
        "id", "callId", "callerNumber", "callerDisplayName", "line", "desk", "startedAt", "ringStartedAt",
        "answeredAt", "answeredBy", "rings", "autoAnsweredAt", "agentAnsweredAt", "agentId", "endedAt",
        "outcome", "endedBy", "surname", "honorific", "request", "holdCount", "holdSeconds",
        "longestHoldSeconds", "callbackOffered", "callbackAccepted",
    ];

    [Fact]
    public void A_list_is_an_array_of_objects_with_exactly_the_camelCase_fields()
    {
        var json = CallRecordJson.ToJson([SampleRecords.Full("a") with { Id = 7 }, SampleRecords.NewCall("b", SampleRecords.Start) with { Id = 8 }]);

        using var document = JsonDocument.Parse(json);
        Assert.Equal(JsonValueKind.Array, document.RootElement.ValueKind);
        Assert.Equal(2, document.RootElement.GetArrayLength());
        foreach (var element in document.RootElement.EnumerateArray())
        {
            Assert.Equal(FieldNames, element.EnumerateObject().Select(p => p.Name));
        }
    }

    [Fact]
    public void Values_are_written_as_the_CLI_promises()
    {
        var record = SampleRecords.Full("a84b4c76e66710@pc33.example.com") with { Id = 7, Rings = 2.3 };

        using var document = JsonDocument.Parse(CallRecordJson.ToJson([record]));
        var e = document.RootElement[0];
        Assert.Equal(7, e.GetProperty("id").GetInt64());
        Assert.Equal("a84b4c76e66710@pc33.example.com", e.GetProperty("callId").GetString());
        Assert.Equal("auto-answered", e.GetProperty("outcome").GetString());
        Assert.Equal("agent", e.GetProperty("endedBy").GetString());
        Assert.Equal("auto", e.GetProperty("answeredBy").GetString());
        Assert.Equal(2.3, e.GetProperty("rings").GetDouble());
        Assert.Equal("2.3", e.GetProperty("rings").GetRawText());
        Assert.Equal(JsonValueKind.True, e.GetProperty("callbackOffered").ValueKind);
        Assert.Equal(JsonValueKind.False, e.GetProperty("callbackAccepted").ValueKind);
        Assert.Equal(record.StartedAt, e.GetProperty("startedAt").GetDateTimeOffset());
    }

    [Fact]
    public void Nulls_are_written_not_left_out()
    {
        using var document = JsonDocument.Parse(CallRecordJson.ToJson([SampleRecords.NewCall("b", SampleRecords.Start)]));
        var e = document.RootElement[0];

        string[] nullable = ["callerDisplayName", "desk", "ringStartedAt", "answeredAt", "answeredBy", "rings", "autoAnsweredAt",
            "agentAnsweredAt", "agentId", "endedAt", "outcome", "endedBy", "surname", "honorific", "request", "callbackAccepted"];
        Assert.All(nullable, name => Assert.Equal(JsonValueKind.Null, e.GetProperty(name).ValueKind));
        Assert.Equal(0, e.GetProperty("holdCount").GetInt32());
    }

    [Theory]
    [InlineData(CallOutcome.Answered, "answered")]
    [InlineData(CallOutcome.AutoAnswered, "auto-answered")]
    [InlineData(CallOutcome.Abandoned, "abandoned")]
    [InlineData(CallOutcome.AbandonedInQueue, "abandoned-in-queue")]
    [InlineData(CallOutcome.Rejected, "rejected")]
    [InlineData(CallOutcome.Interrupted, "interrupted")]
    public void Outcomes_are_kebab_case_in_JSON_and_in_the_store(CallOutcome outcome, string spelling)
    {
        using var document = JsonDocument.Parse(CallRecordJson.ToJson([SampleRecords.NewCall("o", SampleRecords.Start) with { Outcome = outcome }]));

        Assert.Equal(spelling, document.RootElement[0].GetProperty("outcome").GetString());
        Assert.Equal(spelling, CallRecordNames.ToText(outcome));
        Assert.True(CallRecordNames.TryParseOutcome(spelling, out var parsed));
        Assert.Equal(outcome, parsed);
    }

    [Theory]
    [InlineData(CallEndedBy.Caller, "caller")]
    [InlineData(CallEndedBy.Agent, "agent")]
    [InlineData(CallEndedBy.Service, "service")]
    public void Ended_by_is_lower_case_in_JSON_and_in_the_store(CallEndedBy endedBy, string spelling)
    {
        using var document = JsonDocument.Parse(CallRecordJson.ToJson([SampleRecords.NewCall("o", SampleRecords.Start) with { EndedBy = endedBy }]));

        Assert.Equal(spelling, document.RootElement[0].GetProperty("endedBy").GetString());
        Assert.Equal(spelling, CallRecordNames.ToText(endedBy));
        Assert.True(CallRecordNames.TryParseEndedBy(spelling, out var parsed));
        Assert.Equal(endedBy, parsed);
    }

    [Fact]
    public void Every_enum_value_has_a_spelling()
    {
        Assert.Equal(6, Enum.GetValues<CallOutcome>().Length);
        Assert.All(Enum.GetValues<CallOutcome>(), o => Assert.False(string.IsNullOrEmpty(CallRecordNames.ToText(o))));
        Assert.Equal(3, Enum.GetValues<CallEndedBy>().Length);
        Assert.False(CallRecordNames.TryParseOutcome("AutoAnswered", out _));
        Assert.False(CallRecordNames.TryParseEndedBy("Caller", out _));
    }

    [Fact]
    public void Chinese_notes_stay_readable()
    {
        var json = CallRecordJson.ToJson([SampleRecords.Full("zh")]);

        Assert.Contains("\"surname\":\"陈\"", json, StringComparison.Ordinal);
        Assert.Contains("\"request\":\"想预约周六看三房单位\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Written_records_read_back_the_same()
    {
        CallRecord[] records = [SampleRecords.Full("a") with { Id = 1, Rings = 2.3 }, SampleRecords.NewCall("b", SampleRecords.Start) with { Id = 2 }];

        Assert.Equal(records, CallRecordJson.ParseArray(CallRecordJson.ToJson(records, indented: true)));
    }

    [Fact]
    public async Task A_stream_gets_the_same_array()
    {
        CallRecord[] records = [SampleRecords.Full("a") with { Id = 1 }];
        using var stream = new MemoryStream();

        await CallRecordJson.WriteArrayAsync(stream, records, indented: false, CancellationToken.None);

        Assert.Equal(CallRecordJson.ToJson(records), System.Text.Encoding.UTF8.GetString(stream.ToArray()));
        Assert.Equal("[]", CallRecordJson.ToJson([]));
    }
}
