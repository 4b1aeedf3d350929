using Microsoft.AspNetCore.Http;

namespace CallService.Web.Desk;

/// <summary>Turns a request into the <see cref="DeskScope"/> of whoever made it.</summary>
public interface IDeskViewers
{
    /// <summary>The viewer's scope, or null when the request names nobody the desk knows (answered 403).</summary>
    DeskScope? Resolve(HttpContext http);
}
