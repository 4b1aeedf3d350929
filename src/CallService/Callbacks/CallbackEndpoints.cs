using System.Text.Json;
using CallService.Records;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace CallService.Callbacks;

/// <summary>
/// The desk's callback API under /api/callbacks. Errors are problem details (RFC 9457,
/// application/problem+json): 400 for bad input (with "errors" per field), 404 for an unknown id, 409
/// for a move the status does not allow, 415 for a body that is not JSON, 503 when no call can be placed.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>GET /api/callbacks?status=pending: 200 with the requests (all without status), earliest due first.</item>
/// <item>GET /api/callbacks/{id}: 200 with the request.</item>
/// <item>PATCH /api/callbacks/{id} {"status": "...", "result": "..."}: 200 with the request after the change
/// (also when it already had that status).</item>
/// <item>POST /api/callbacks/{id}/call, optional {"agentId": "..."}: click-to-call; records the attempt
/// (calling, attempts + 1) and has <see cref="ICallbackDialer"/> place the call: 202 with the request
/// when under way; 503 when the dialer refused (the attempt is then "failed" with its reason) or none is
/// configured (nothing recorded).</item>
/// </list>
/// Open requests show the call record's current notes (<see cref="CallbackNotes"/>). The handlers are
/// plain static methods as well, taking their services as arguments. Over HTTP the signed-in user
/// scopes them (<see cref="DeskUser"/>): an agent lists and acts on the callbacks of their own lines
/// only (another line's id is 404 to them) and may not place a callback as another agent (403).
/// </remarks>
public static class CallbackEndpoints
{
    /// <summary>The API's base path.</summary>
    public const string Route = "/api/callbacks";

    /// <summary>The longest result text a PATCH may carry.</summary>
    public const int MaxResultLength = 500;

    /// <summary>The logger category of the API and the callback store.</summary>
    public const string LogCategory = "CallService.Callbacks";

    /// <summary>
    /// Maps the API. Needs <see cref="ICallbackStore"/> (initialised) from the services; uses
    /// <see cref="ICallbackDialer"/> and <see cref="ICallRecordStore"/> when registered. Returns the
    /// group, for authorization and the like.
    /// </summary>
    public static RouteGroupBuilder Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        RouteGroupBuilder group = app.MapGroup(Route);
        group.MapGet("", (string? status, HttpContext http) =>
            ListAsync(status, Visible(http), Store(http), Records(http), Logger(http), http.RequestAborted));
        group.MapGet("/{id:long}", async (long id, HttpContext http) =>
            await HiddenAsync(id, http).ConfigureAwait(false)
                ?? await GetAsync(id, Store(http), Records(http), Logger(http), http.RequestAborted).ConfigureAwait(false));
        group.MapPatch("/{id:long}", async (long id, HttpContext http) =>
        {
            if (await HiddenAsync(id, http).ConfigureAwait(false) is { } hidden)
            {
                return hidden;
            }
            (CallbackPatch? patch, IResult? problem) = await ReadJsonAsync<CallbackPatch>(http.Request).ConfigureAwait(false);
            return problem ?? await PatchAsync(id, patch, Store(http), Logger(http), http.RequestAborted).ConfigureAwait(false);
        });
        group.MapPost("/{id:long}/call", async (long id, HttpContext http) =>
        {
            if (await HiddenAsync(id, http).ConfigureAwait(false) is { } hidden)
            {
                return hidden;
            }
            (CallbackCallRequest? body, IResult? problem) = await ReadJsonAsync<CallbackCallRequest>(http.Request).ConfigureAwait(false);
            if (problem is null && !string.IsNullOrWhiteSpace(body?.AgentId) && DeskUser.Current(http)?.CanActFor(body.AgentId.Trim()) != true)
            {
                problem = TypedResults.Problem(
                    detail: $"An agent places callbacks as themselves only, not as \"{body.AgentId}\".",
                    instance: Instance(id),
                    statusCode: StatusCodes.Status403Forbidden,
                    title: "Not your agent id");
            }
            return problem ?? await CallAsync(
                id, body, Store(http), http.RequestServices.GetService<ICallbackDialer>(), Logger(http), http.RequestAborted).ConfigureAwait(false);
        });
        return group;
    }

    /// <summary>GET /api/callbacks?status=: the requests with that status (all when absent), earliest due first.</summary>
    public static Task<IResult> ListAsync(
        string? status, ICallbackStore store, ICallRecordStore? records, ILogger logger, CancellationToken cancellationToken) =>
        ListAsync(status, static _ => true, store, records, logger, cancellationToken);

    /// <summary>GET /api/callbacks?status=: the <paramref name="visible"/> requests with that status (all when absent), earliest due first.</summary>
    public static async Task<IResult> ListAsync(
        string? status, Func<CallbackRequest, bool> visible, ICallbackStore store, ICallRecordStore? records, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(visible);
        ArgumentNullException.ThrowIfNull(store);
        CallbackStatus? wanted = null;
        if (status is not null)
        {
            if (!CallbackStatuses.TryParse(status, out CallbackStatus parsed))
            {
                return UnknownStatus("status", status);
            }
            wanted = parsed;
        }
        IReadOnlyList<CallbackRequest> found = await store.ListAsync(wanted, cancellationToken).ConfigureAwait(false);
        var shown = new List<CallbackRequest>(found.Count);
        foreach (CallbackRequest callback in found.Where(visible))
        {
            shown.Add(await CallbackNotes.WithCurrentNotesAsync(callback, records, logger, cancellationToken).ConfigureAwait(false));
        }
        return TypedResults.Ok<IReadOnlyList<CallbackRequest>>(shown);
    }

    /// <summary>GET /api/callbacks/{id}.</summary>
    public static async Task<IResult> GetAsync(
        long id, ICallbackStore store, ICallRecordStore? records, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        CallbackRequest? callback = await store.GetAsync(id, cancellationToken).ConfigureAwait(false);
        return callback is null
            ? NotFound(id)
            : TypedResults.Ok(await CallbackNotes.WithCurrentNotesAsync(callback, records, logger, cancellationToken).ConfigureAwait(false));
    }

    /// <summary>PATCH /api/callbacks/{id} with <paramref name="patch"/> (null: no body).</summary>
    public static async Task<IResult> PatchAsync(long id, CallbackPatch? patch, ICallbackStore store, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        var errors = new Dictionary<string, string[]>(StringComparer.Ordinal);
        CallbackStatus status = default;
        if (patch?.Status is null)
        {
            errors["status"] = ["A status is required: one of " + string.Join(", ", CallbackStatuses.Names) + "."];
        }
        else if (!CallbackStatuses.TryParse(patch.Status, out status))
        {
            errors["status"] = [UnknownStatusMessage(patch.Status)];
        }
        if (patch?.Result is { Length: > MaxResultLength })
        {
            errors["result"] = [$"The result may hold at most {MaxResultLength} characters."];
        }
        if (errors.Count > 0)
        {
            return TypedResults.ValidationProblem(errors, instance: Instance(id));
        }
        if (status == CallbackStatus.Calling)
        {
            return TypedResults.Problem(
                detail: $"A callback becomes calling only when an attempt starts: POST {Instance(id)}/call.",
                instance: Instance(id),
                statusCode: StatusCodes.Status409Conflict,
                title: "Illegal status transition",
                extensions: new Dictionary<string, object?> { ["requestedStatus"] = status.ToName() });
        }

        CallbackChange change = await store.ChangeStatusAsync(id, status, patch!.Result, cancellationToken).ConfigureAwait(false);
        switch (change.Outcome)
        {
            case CallbackChangeOutcome.NotFound:
                return NotFound(id);
            case CallbackChangeOutcome.IllegalTransition:
                return IllegalTransition(id, change.Callback!.Status, status);
            case CallbackChangeOutcome.Changed:
                CallbacksLog.StatusChanged(logger, id, status.ToName(), patch.Result);
                return TypedResults.Ok(change.Callback);
            default:
                return TypedResults.Ok(change.Callback);
        }
    }

    /// <summary>POST /api/callbacks/{id}/call: records an attempt and has <paramref name="dialer"/> place the call.</summary>
    public static async Task<IResult> CallAsync(
        long id, CallbackCallRequest? body, ICallbackStore store, ICallbackDialer? dialer, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(logger);
        if (dialer is null)
        {
            return await store.GetAsync(id, cancellationToken).ConfigureAwait(false) is null
                ? NotFound(id)
                : TypedResults.Problem(
                    detail: "Click-to-call is not available on this node: no dialer is configured. Call the number by hand and PATCH the result.",
                    instance: Instance(id),
                    statusCode: StatusCodes.Status503ServiceUnavailable,
                    title: "Click-to-call unavailable");
        }

        CallbackChange begun = await store.BeginAttemptAsync(id, cancellationToken).ConfigureAwait(false);
        if (begun.Outcome == CallbackChangeOutcome.NotFound)
        {
            return NotFound(id);
        }
        if (begun.Outcome != CallbackChangeOutcome.Changed)
        {
            return IllegalTransition(id, begun.Callback!.Status, CallbackStatus.Calling);
        }

        // From here the attempt is recorded: it must end as under way or failed even if the desk's
        // browser goes away, so the request's token no longer applies.
        CallbackRequest calling = begun.Callback!;
        string? agentId = string.IsNullOrWhiteSpace(body?.AgentId) ? calling.AgentId : body.AgentId;
        CallbackDialResult dialed;
        try
        {
            dialed = await dialer.DialAsync(calling, agentId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            CallbacksLog.DialerFailed(logger, id, calling.Attempts, ex);
            CallbackChange failed = await store.ChangeStatusAsync(id, CallbackStatus.Failed, "dialer error", CancellationToken.None).ConfigureAwait(false);
            return TypedResults.Problem(
                detail: "The call could not be placed because of an internal error; the attempt is marked failed.",
                instance: Instance(id),
                statusCode: StatusCodes.Status500InternalServerError,
                title: "Click-to-call failed",
                extensions: new Dictionary<string, object?> { ["callback"] = failed.Callback });
        }
        if (dialed.IsStarted)
        {
            CallbacksLog.AttemptStarted(logger, id, calling.Attempts, agentId);
            return TypedResults.Accepted(Instance(id), calling);
        }

        string reason = dialed.Reason ?? "refused";
        CallbacksLog.AttemptRefused(logger, id, calling.Attempts, reason);
        CallbackChange refused = await store.ChangeStatusAsync(id, CallbackStatus.Failed, reason, CancellationToken.None).ConfigureAwait(false);
        return TypedResults.Problem(
            detail: $"The call could not be placed: {reason}. The attempt is marked failed.",
            instance: Instance(id),
            statusCode: StatusCodes.Status503ServiceUnavailable,
            title: "Click-to-call refused",
            extensions: new Dictionary<string, object?> { ["callback"] = refused.Callback });
    }

    /// <summary>
    /// Reads an optional JSON body: (null, null) when empty, a problem when it is not JSON or not valid.
    /// </summary>
    private static async Task<(T? Body, IResult? Problem)> ReadJsonAsync<T>(HttpRequest request)
        where T : class
    {
        if (request.ContentLength == 0 || (request.ContentLength is null && string.IsNullOrEmpty(request.ContentType)))
        {
            return (null, null);
        }
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(
                detail: "The body must be JSON (Content-Type: application/json).",
                instance: request.Path,
                statusCode: StatusCodes.Status415UnsupportedMediaType,
                title: "Unsupported media type"));
        }
        try
        {
            T? body = await JsonSerializer.DeserializeAsync<T>(request.Body, JsonSerializerOptions.Web, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
            return (body, null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(
                detail: $"The body is not the expected JSON object: {ex.Message}",
                instance: request.Path,
                statusCode: StatusCodes.Status400BadRequest,
                title: "Malformed body"));
        }
    }

    private static string Instance(long id) => $"{Route}/{id}";

    private static string UnknownStatusMessage(string status) =>
        $"Unknown status \"{status}\": use one of {string.Join(", ", CallbackStatuses.Names)}.";

    private static ValidationProblem UnknownStatus(string field, string status) =>
        TypedResults.ValidationProblem(new Dictionary<string, string[]> { [field] = [UnknownStatusMessage(status)] });

    private static ProblemHttpResult NotFound(long id) => TypedResults.Problem(
        detail: $"No callback has id {id}.",
        instance: Instance(id),
        statusCode: StatusCodes.Status404NotFound,
        title: "Callback not found");

    private static ProblemHttpResult IllegalTransition(long id, CallbackStatus current, CallbackStatus requested) => TypedResults.Problem(
        detail: current.IsFinal()
            ? $"Callback {id} is {current.ToName()}, which is final."
            : $"Callback {id} is {current.ToName()} and cannot become {requested.ToName()}.",
        instance: Instance(id),
        statusCode: StatusCodes.Status409Conflict,
        title: "Illegal status transition",
        extensions: new Dictionary<string, object?>
        {
            ["currentStatus"] = current.ToName(),
            ["requestedStatus"] = requested.ToName(),
        });

    // The signed-in user's filter: an agent sees their own lines' callbacks; nobody signed in sees none.
    private static Func<CallbackRequest, bool> Visible(HttpContext http)
    {
        DeskUser? user = DeskUser.Current(http);
        return callback => user?.CanSeeLine(callback.Line) == true;
    }

    // 404 for a callback of a line the user does not see (as if it did not exist); null to go on.
    private static async Task<IResult?> HiddenAsync(long id, HttpContext http)
    {
        CallbackRequest? callback = await Store(http).GetAsync(id, http.RequestAborted).ConfigureAwait(false);
        return callback is not null && !Visible(http)(callback) ? NotFound(id) : null;
    }

    private static ICallbackStore Store(HttpContext http) => http.RequestServices.GetRequiredService<ICallbackStore>();

    private static ICallRecordStore? Records(HttpContext http) => http.RequestServices.GetService<ICallRecordStore>();

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
}
