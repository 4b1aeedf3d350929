using System.Text.Json;
using CallService.Agents;
using CallService.Engine;
using CallService.Hosting;
using CallService.Lines;
using CallService.Records;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace CallService.Web.Desk;

/// <summary>
/// The agent desk (docs/desk-api.md): the page at /desk, its live event stream, and the notes API.
/// </summary>
/// <remarks>
/// <list type="bullet">
/// <item>GET /desk: the page (plain HTML/JS/CSS from wwwroot/desk, no build step).</item>
/// <item>GET /api/desk/events: Server-Sent Events: "snapshot" first on every connection, then "call",
/// "ring" and "ended"; only the viewer's lines.</item>
/// <item>GET /api/desk/calls: the same snapshot as JSON, for tools.</item>
/// <item>PUT /api/calls/{callId}/notes: surname, honorific, request on the call record, during the call
/// or after it; 400 with RFC 9457 validation problem details per field.</item>
/// </list>
/// The board is made at the first request (the engine's options are checked at start, not while mapping).
/// </remarks>
public static class DeskEndpoints
{
    public const string PagePath = "/desk";
    public const string EventsRoute = "/api/desk/events";
    public const string CallsRoute = "/api/desk/calls";
    public const string NotesRoute = "/api/calls/{callId}/notes";
    public const string LogCategory = "CallService.Web.Desk";

    /// <summary>The configuration key of the desk's language: "zh-CN" (default), "en", or "browser" (the browser's language).</summary>
    public const string LanguageKey = "Desk:Language";

    /// <summary>The languages <see cref="LanguageKey"/> accepts.</summary>
    public static IReadOnlyList<string> Languages { get; } = ["zh-CN", "en", "browser"];

    private static readonly Dictionary<string, string> PageFiles = new(StringComparer.Ordinal)
    {
        ["desk.js"] = "text/javascript; charset=utf-8",
        ["desk.css"] = "text/css; charset=utf-8",
        ["texts.js"] = "text/javascript; charset=utf-8",
    };

    /// <summary>Maps the desk; returns the group of its API and page endpoints (for authorization).</summary>
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

        RouteGroupBuilder desk = app.MapGroup("");
        desk.MapGet(PagePath, () => PageFile("index.html", "text/html; charset=utf-8"));
        desk.MapGet(PagePath + "/{file}", (string file) =>
            PageFiles.TryGetValue(file, out string? type) ? PageFile(file, type) : Results.NotFound());
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
        return new DeskSnapshot(time.GetUtcNow(), Language(services.GetRequiredService<IConfiguration>()),
            new DeskViewer(scope.AgentId, scope.DisplayName, presence), lines, calls);
    }

    /// <summary>The configured language; anything but the known values falls back to zh-CN (the default).</summary>
    public static string Language(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        string? value = configuration[LanguageKey]?.Trim();
        return Languages.FirstOrDefault(l => l.Equals(value, StringComparison.OrdinalIgnoreCase)) ?? "zh-CN";
    }

    private static DeskBoard CreateBoard(IServiceProvider services) => new(
        services.GetRequiredService<SipEngine>(),
        services.GetService<ICallRecordStore>(),
        services.GetRequiredService<TimeProvider>(),
        services.GetRequiredService<ILoggerFactory>().CreateLogger(LogCategory));

    private static IDeskViewers Viewers(HttpContext http) =>
        http.RequestServices.GetService<IDeskViewers>() ?? new DeskViewersFromQuery(http.RequestServices.GetService<AgentDirectory>());

    private static IResult PageFile(string name, string contentType)
    {
        string path = Path.Combine(HostPaths.BaseDirectory, "wwwroot", "desk", name);
        return File.Exists(path)
            ? Results.File(path, contentType)
            : Results.Problem(statusCode: StatusCodes.Status500InternalServerError, title: "Desk page missing",
                detail: $"{name} is not installed beside the service (wwwroot/desk).");
    }

    private static IResult Forbidden() => TypedResults.Problem(statusCode: StatusCodes.Status403Forbidden,
        title: "Not a desk user", detail: "The desk knows no agent by that name.");

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
