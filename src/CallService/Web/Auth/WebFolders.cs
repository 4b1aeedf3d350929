using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace CallService.Web.Auth;

/// <summary>
/// Serves a folder of wwwroot as endpoints (GET /prefix/{**file}), so that each folder carries its own
/// authorization like any API: the desk's and dashboard's pages need a sign-in, the shared stylesheet
/// does not. A directory serves its index.html. wwwroot is copied next to CallService.dll by the build,
/// so `dotnet run` and the built output serve the same files.
/// </summary>
public static class WebFolders
{
    private static readonly FileExtensionContentTypeProvider ContentTypes = new();

    /// <summary>
    /// Maps GET <paramref name="prefix"/>/{**file} to wwwroot/<paramref name="folder"/>. Returns the
    /// endpoint so the caller decides who may read it: <c>.AllowAnonymous()</c>,
    /// <c>.RequireAuthorization(WebPolicies.Manager)</c>, or nothing (the fallback: signed in).
    /// </summary>
    public static RouteHandlerBuilder MapWebFolder(this IEndpointRouteBuilder endpoints, string prefix, string folder)
    {
        ArgumentNullException.ThrowIfNull(endpoints);
        ArgumentException.ThrowIfNullOrEmpty(prefix);
        ArgumentException.ThrowIfNullOrEmpty(folder);
        return endpoints.MapGet(prefix.TrimEnd('/') + "/{**file}", (string? file, HttpContext http, IWebHostEnvironment environment) =>
                Serve(http, environment.WebRootFileProvider, prefix.TrimEnd('/'), folder, file))
            .WithName("WebFolder " + prefix)
            .ExcludeFromDescription();
    }

    private static IResult Serve(HttpContext http, IFileProvider files, string prefix, string folder, string? file)
    {
        string relative = file ?? "";
        if (relative.Length == 0 && !http.Request.Path.Value!.EndsWith('/'))
        {
            // "/desk" -> "/desk/": the page's relative links then resolve inside the folder.
            return Results.Redirect(prefix + "/");
        }
        if (relative.Split('/', '\\').Any(segment => segment is ".." or ".") || relative.Contains('\\', StringComparison.Ordinal))
        {
            return Results.NotFound();
        }
        if (relative.Length == 0 || relative.EndsWith('/'))
        {
            relative += "index.html";
        }
        IFileInfo info = files.GetFileInfo($"{folder}/{relative}");
        if (!info.Exists && files.GetDirectoryContents($"{folder}/{relative}").Exists)
        {
            return Results.Redirect($"{prefix}/{relative}/");
        }
        if (!info.Exists || info.PhysicalPath is null || !ContentTypes.TryGetContentType(info.Name, out string? contentType))
        {
            return Results.NotFound();
        }
        // Pages may hold what only a signed-in user sees: revalidate every time, never keep in shared caches.
        http.Response.Headers[HeaderNames.CacheControl] = "no-cache, private";
        return Results.File(info.PhysicalPath, contentType, lastModified: info.LastModified);
    }
}
