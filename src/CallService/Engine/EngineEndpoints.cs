using CallService.Web.Auth;
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
        calls.MapPost("/{callId}/hold", (string callId, SipEngine engine, HttpContext http) => Press(engine, DeskUser.Current(http), callId, c => c.Hold()));
        calls.MapPost("/{callId}/resume", (string callId, SipEngine engine, HttpContext http) => Press(engine, DeskUser.Current(http), callId, c => c.Resume()));
        return calls;
    }

    // An agent acts only on calls of their own lines; another line's call is "no such call" to them.
    private static IResult Press(SipEngine engine, DeskUser? user, string callId, Action<CallController> button)
    {
        if (!engine.TryGetCall(callId, out var call) || user?.CanSeeLine(call!.Line) != true)
        {
            return Results.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call in progress",
                detail: $"No call with Call-ID '{callId}' is in progress on this node.");
        }
        button(call!);
        return Results.Accepted();
    }
}
