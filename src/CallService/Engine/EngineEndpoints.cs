using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace CallService.Engine;

/// <summary>The desk's call buttons over HTTP: hold for a lookup and resume (the web desk uses them).</summary>
public static class EngineEndpoints
{
    public static RouteGroupBuilder Map(WebApplication app)
    {
        var calls = app.MapGroup("/api/calls");
        calls.MapPost("/{callId}/hold", (string callId, SipEngine engine) => Press(engine, callId, c => c.Hold()));
        calls.MapPost("/{callId}/resume", (string callId, SipEngine engine) => Press(engine, callId, c => c.Resume()));
        return calls;
    }

    private static IResult Press(SipEngine engine, string callId, Action<CallController> button)
    {
        if (!engine.TryGetCall(callId, out var call))
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call in progress",
                detail: $"No call with Call-ID '{callId}' is in progress on this node.");
        }
        button(call!);
        return Results.Accepted();
    }
}
