using System.Text.Json;
using CallService.Agents;
using CallService.Engine;
using CallService.Lines;
using CallService.Records;
using CallService.Web.Auth;
using CallService.Web.Texts;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace CallService.Web.Desk;

/// <summary>
/// The agent desk (docs/desk-api.md): the page at /desk/, its live event stream, and the notes API.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>GET /desk/: the page (plain HTML/JS/CSS in wwwroot/desk, no build step), served by
/// <see cref="WebFolders"/> to signed-in users.</item>
/// <item>GET /api/desk/events: Server-Sent Events: "snapshot" first on every connection, then "call",
/// "ring" and "ended"; only the viewer's lines.</item>
/// <item>GET /api/desk/calls: the same snapshot as JSON, for tools.</item>
/// <item>PUT /api/calls/{callId}/notes: surname, honorific, request on the call record, during the call
/// or after it; 400 with RFC 9457 validation problem details per field.</item>
/// </list>
/// Every endpoint needs a signed-in agent or manager (<see cref="WebPolicies.DeskUser"/>); an agent sees
/// and writes only the calls of their own lines. PUT needs the antiforgery header like every unsafe request.
/// The board is made at the first request (the engine's options are checked at start, not while mapping).
/// </remarks>
public static class DeskEndpoints
{
    public const string EventsRoute = "/api/desk/events";
    public const string CallsRoute = "/api/desk/calls";
    public const string NotesRoute = "/api/calls/{callId}/notes";
    public const string LogCategory = "CallService.Web.Desk";

    /// <summary>Maps the desk; returns the group of its API endpoints.</summary>
    public static RouteGroupBuilder Map(WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var board = new Lazy<DeskBoard>(() => CreateBoard(app.Services), LazyThreadSafetyMode.ExecutionAndPublication);
        app.Lifetime.ApplicationStopping.Register(() =>
        {
            if (board.IsValueCreated)
            {
                board.Value.Dispose(); // ends the open streams, so the host can stop
            }
        });

        RouteGroupBuilder desk = app.MapGroup("").RequireAuthorization(WebPolicies.DeskUser);
        desk.MapGet(EventsRoute, (HttpContext http) => StreamAsync(http, board.Value));
        desk.MapGet(CallsRoute, (HttpContext http) =>
            Viewers(http).Resolve(http) is { } scope ? Results.Json(Snapshot(http, board.Value, scope, out _), DeskJson.Options) : Forbidden());
        desk.MapPut(NotesRoute, async (string callId, HttpContext http) =>
        {
            (CallNotesInput? input, IResult? problem) = await ReadNotesAsync(http.Request).ConfigureAwait(false);
            if (problem is not null)
            {
                return problem;
            }
            if (Viewers(http).Resolve(http) is not { } scope)
            {
                return Forbidden();
            }
            return await SaveNotesAsync(callId, input, scope, http.RequestServices.GetRequiredService<ICallRecordStore>(),
                board.IsValueCreated ? board.Value : null, Logger(http), http.RequestAborted).ConfigureAwait(false);
        });
        return desk;
    }

    /// <summary>
    /// PUT /api/calls/{callId}/notes: validates <paramref name="input"/>, writes the notes on the call's
    /// record (any time: ringing, connected, or after the end) and tells the board.
    /// </summary>
    public static async Task<IResult> SaveNotesAsync(
        string callId, CallNotesInput? input, DeskScope scope, ICallRecordStore records, DeskBoard? board, ILogger logger, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(scope);
        ArgumentNullException.ThrowIfNull(records);
        ArgumentNullException.ThrowIfNull(logger);
        string instance = "/api/calls/" + Uri.EscapeDataString(callId) + "/notes";
        (CallNotes? notes, Dictionary<string, string[]> errors) = CallNotesValidator.Validate(input);
        if (notes is null)
        {
            DeskLog.NotesRefused(logger, callId, string.Join(", ", errors.Keys));
            return TypedResults.ValidationProblem(errors, title: "The notes are not valid", instance: instance);
        }
        CallRecord? record = await records.FindByCallIdAsync(callId, cancellationToken).ConfigureAwait(false);
        if (record is null)
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status404NotFound, title: "No such call",
                detail: $"No call record has Call-ID '{callId}'.", instance: instance);
        }
        if (!scope.Sees(record.Line))
        {
            return TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden, title: "Not your line",
                detail: $"The call was to line {record.Line}, which you do not answer.", instance: instance);
        }
        await records.UpdateNotesAsync(record.Id, notes.Surname, notes.Honorific, notes.Request, cancellationToken).ConfigureAwait(false);
        DeskLog.NotesSaved(logger, callId, record.Id, record.Line, scope.AgentId ?? "(all lines)", notes.Surname, notes.Honorific, notes.Request?.Length ?? 0);
        board?.NotesSaved(callId, notes);
        return TypedResults.Ok(new SavedNotes(callId, record.Id, notes.Surname, notes.Honorific, notes.Request));
    }

    private static async Task StreamAsync(HttpContext http, DeskBoard board)
    {
        if (Viewers(http).Resolve(http) is not { } scope)
        {
            await Forbidden().ExecuteAsync(http).ConfigureAwait(false);
            return;
        }
        ILogger logger = Logger(http);
        DeskSnapshot snapshot = Snapshot(http, board, scope, out DeskSubscription? subscription);
        string viewer = scope.AgentId ?? "(all lines)";
        DeskLog.StreamOpened(logger, viewer, snapshot.Calls.Count);
        try
        {
            string reason = await DeskEventStream.WriteAsync(http.Response, snapshot, subscription!,
                http.RequestServices.GetRequiredService<TimeProvider>(), http.RequestAborted).ConfigureAwait(false);
            DeskLog.StreamEnded(logger, viewer, reason);
        }
        finally
        {
            board.Unsubscribe(subscription!);
        }
    }

    // With subscription: the stream's snapshot (registered atomically); the JSON endpoint passes no subscriber.
    private static DeskSnapshot Snapshot(HttpContext http, DeskBoard board, DeskScope scope, out DeskSubscription? subscription)
    {
        IServiceProvider services = http.RequestServices;
        TimeProvider time = services.GetRequiredService<TimeProvider>();
        IReadOnlyList<DeskCall> calls;
        if (http.Request.Path.StartsWithSegments(EventsRoute))
        {
            subscription = board.Subscribe(scope, out calls);
        }
        else
        {
            subscription = null;
            calls = board.Calls(scope);
        }
        string? presence = scope.AgentId is { } id ? services.GetService<AgentPresence>()?.GetState(id).ToName() : null;
        IReadOnlyList<DeskLine> lines = [.. services.GetRequiredService<SalesLineDirectory>().Lines.Where(l => scope.Sees(l.Number)).Select(DeskLine.From)];
        string language = WebLanguage.Resolve(services.GetService<IOptions<WebAuthOptions>>()?.Value.Language, http.Request);
        return new DeskSnapshot(time.GetUtcNow(), language,
            new DeskViewer(scope.AgentId, scope.DisplayName, presence), lines, calls);
    }

    private static DeskBoard CreateBoard(IServiceProvider services) => new(
        services.GetRequiredService<SipEngine>(),
        services.GetService<ICallRecordStore>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));

    private static IDeskViewers Viewers(HttpContext http) =>
        http.RequestServices.GetService<IDeskViewers>() ?? DeskViewersFromSignIn.Instance;

    private static IResult Forbidden() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Not a desk user", detail: "The signed-in user is neither a manager nor an agent with lines.");

    private static async Task<(CallNotesInput? Input, IResult? Problem)> ReadNotesAsync(HttpRequest request)
    {
        if (!request.HasJsonContentType())
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status415UnsupportedMediaType, title: "Unsupported media type",
                detail: "The body must be JSON (Content-Type: application/json).", instance: request.Path));
        }
        try
        {
            CallNotesInput? input = await JsonSerializer.DeserializeAsync<CallNotesInput>(request.Body, DeskJson.Options, request.HttpContext.RequestAborted)
                .ConfigureAwait(false);
            return (input, null);
        }
        catch (JsonException ex)
        {
            return (null, TypedResults.Problem(statusCode: StatusCodes.Status400BadRequest, title: "Malformed body",
                detail: $"The body is not the expected JSON object: {ex.Message}", instance: request.Path));
        }
    }

    private static ILogger Logger(HttpContext http) =>
        http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory);
}
