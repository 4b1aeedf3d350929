using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.Logging;

namespace CallService.Web.Auth;

/// <summary>
/// Refuses every state-changing request (any method but GET, HEAD, OPTIONS, TRACE) that lacks a valid
/// antiforgery token: in the <see cref="WebPaths.AntiforgeryHeader"/> header (scripts) or the
/// <see cref="WebPaths.AntiforgeryField"/> form field (forms). Runs after authorization, so an anonymous
/// request is still answered 401 / redirected first. An endpoint opts out with DisableAntiforgery()
/// (none does). The answer is 400 with a problem details body.
/// </summary>
public sealed class AntiforgeryGuard(RequestDelegate next, IAntiforgery antiforgery, ILoggerFactory loggers)
{
    private readonly ILogger _logger = loggers.CreateLogger(WebAuthLog.Category);

    /// <summary>The middleware step.</summary>
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        string method = context.Request.Method;
        bool safe = HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);
        if (safe || context.GetEndpoint()?.Metadata.GetMetadata<IAntiforgeryMetadata>() is { RequiresValidation: false })
        {
            await next(context).ConfigureAwait(false);
            return;
        }

        try
        {
            await antiforgery.ValidateRequestAsync(context).ConfigureAwait(false);
        }
        catch (AntiforgeryValidationException e)
        {
            WebAuthLog.AntiforgeryRejected(_logger, method, context.Request.Path, e.Message);
            await Results.Problem(
                    statusCode: StatusCodes.Status400BadRequest,
                    title: "Antiforgery token missing or invalid",
                    detail: $"A {method} request needs the antiforgery request token in the {WebPaths.AntiforgeryHeader} header (GET {WebPaths.Session} returns it) or the {WebPaths.AntiforgeryField} form field.",
                    instance: context.Request.Path)
                .ExecuteAsync(context).ConfigureAwait(false);
            return;
        }
        await next(context).ConfigureAwait(false);
    }
}
