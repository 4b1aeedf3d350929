using CallService.Lines;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Logging;

namespace CallService.Agents;

/// <summary>
/// The agents' HTTP API (minimal APIs): GET /api/agents lists agents with presence and contacts;
/// PUT /api/agents/{id}/presence with {"state":"away"|"available"} sets an agent away or back.
/// Signed-in users only (the host's fallback policy); an agent sets only their own presence (403
/// otherwise), a manager anyone's.
/// </summary>
public static class AgentEndpoints
{
    /// <summary>The route prefix.</summary>
    public const string Route = "/api/agents";

    /// <summary>Maps the agent endpoints on <paramref name="app"/> (services from <see cref="AgentsServiceCollectionExtensions.AddAgents"/>).</summary>
    public static void Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup(Route);
        group.MapGet("/", List).WithName("ListAgents");
        group.MapGet("/{id}", Get).WithName("GetAgent");
        group.MapPut("/{id}/presence", SetPresence).WithName("SetAgentPresence");
    }

    private static Ok<AgentView[]> List(AgentDirectory directory, AgentPresence presence, TimeProvider time) =>
        TypedResults.Ok(directory.Agents.Select(a => View(a, directory, presence, time)).ToArray());

    private static Results<Ok<AgentView>, NotFound> Get(string id, AgentDirectory directory, AgentPresence presence, TimeProvider time) =>
        directory.Find(id) is { } agent ? TypedResults.Ok(View(agent, directory, presence, time)) : TypedResults.NotFound();

    private static Results<Ok<AgentView>, NotFound, BadRequest<AgentApiError>, ProblemHttpResult> SetPresence(
        string id, PresenceUpdate? update, AgentDirectory directory, AgentPresence presence, TimeProvider time, ILoggerFactory loggers, HttpContext http)
    {
        if (directory.Find(id) is not { } agent)
        {
            return TypedResults.NotFound();
        }
        if (DeskUser.Current(http)?.CanActFor(agent.Id) != true)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your presence",
                detail: $"An agent sets only their own presence, not {agent.Id}'s; a manager may set anyone's.");
        }

        switch (update?.State?.Trim().ToLowerInvariant())
        {
            case "away":
                presence.SetAway(agent.Id);
                break;
            case "available":
                presence.SetAvailable(agent.Id);
                break;
            default:
                return TypedResults.BadRequest(new AgentApiError(
                    $"state = \"{update?.State}\": must be \"away\" or \"available\" (the other states follow registration and calls)"));
        }

        AgentsLog.SetByApi(loggers.CreateLogger("CallService.Agents"), agent.Id, update!.State!.Trim().ToLowerInvariant());
        return TypedResults.Ok(View(agent, directory, presence, time));
    }

    private static AgentView View(Agent agent, AgentDirectory directory, AgentPresence presence, TimeProvider time)
    {
        AgentPresenceSnapshot snapshot = presence.GetSnapshot(agent.Id)!;
        DateTimeOffset now = time.GetUtcNow();
        return new AgentView(
            agent.Id,
            agent.DisplayName,
            agent.SipUser,
            agent.Desk.ToName(),
            agent.Lines,
            snapshot.State.ToName(),
            snapshot.IsRegistered,
            snapshot.IsAway,
            snapshot.WrapUpEndsAt,
            [.. directory.Contacts(agent).Select(b => new AgentContactView(b.ContactUri.ToString(), b.Source.ToString(), b.IsReachable, b.SecondsLeft(now), b.UserAgent))]);
    }
}
