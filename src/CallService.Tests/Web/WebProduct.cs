using CallService.Hosting;
using CallService.Sip.Auth;
using CallService.Tests.Support;
using CallService.Web.Auth;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace CallService.Tests.Web;

/// <summary>
/// The product with an agent who may sign in (amy, 小林, line "sales"), a second agent user for the
/// lockout (lockme, 3 failures) and the manager every <see cref="ProductProcess"/> has. Shared by a test class.
/// </summary>
public sealed class WebProduct : IAsyncLifetime
{
    public const string AgentUser = "amy";
    public const string AgentPassword = "amy-web-pass";
    public const string AgentDisplayName = "小林";
    public const string LockedUser = "lockme";
    public const string LockedPassword = "lockme-pass";
    public const int MaxFailedSignIns = 3;

    public ProductProcess Product { get; private set; } = null!;

    /// <summary>The product's arguments beyond <see cref="ProductProcess.CommonArgs"/>.</summary>
    public static string[] Args =>
    [
        "--Agents:0:Id=amy",
        $"--Agents:0:DisplayName={AgentDisplayName}",
        "--Agents:0:SipUser=8001",
        $"--Agents:0:Ha1Md5={DigestHash.ComputeHa1(DigestAlgorithm.Md5, "8001", "callservice", "sip-pass")}",
        "--Agents:0:Desk=front-desk",
        "--Agents:0:Lines:0=sales",
        $"--Web:MaxFailedSignIns={MaxFailedSignIns}",
        .. WebUsers.Args(1, AgentUser, WebRoles.Agent, AgentPassword, agentId: "amy"),
        .. WebUsers.Args(2, LockedUser, WebRoles.Agent, LockedPassword, agentId: "amy"),
    ];

    public async Task InitializeAsync() => Product = await ProductProcess.StartAsync(Args);

    public async Task DisposeAsync() => await Product.DisposeAsync();

    /// <summary>
    /// Every endpoint the host maps, read from its endpoint data sources (the same Build the product
    /// runs, not started), each with a request path that matches it: route values filled with samples.
    /// </summary>
    public IReadOnlyList<HostEndpoint> Endpoints()
    {
        WebApplicationBuilder builder = CallServiceHost.CreateBuilder([.. Product.CommonArgs, .. Args], HostLogging.Tool);
        using WebApplication app = CallServiceHost.Build(builder, HostLogging.Tool);
        var found = new List<HostEndpoint>();
        foreach (RouteEndpoint endpoint in ((IEndpointRouteBuilder)app).DataSources.SelectMany(d => d.Endpoints).OfType<RouteEndpoint>())
        {
            IReadOnlyList<string> methods = endpoint.Metadata.GetMetadata<HttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            foreach (string method in methods)
            {
                found.Add(new HostEndpoint(method, "/" + endpoint.RoutePattern.RawText!.TrimStart('/'), SamplePath(endpoint.RoutePattern),
                    endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Authorization.IAllowAnonymous>() is not null));
            }
        }
        return found;
    }

    private static string SamplePath(RoutePattern pattern)
    {
        var path = new System.Text.StringBuilder();
        foreach (RoutePatternPathSegment segment in pattern.PathSegments)
        {
            path.Append('/');
            foreach (RoutePatternPart part in segment.Parts)
            {
                path.Append(part switch
                {
                    RoutePatternLiteralPart literal => literal.Content,
                    RoutePatternSeparatorPart separator => separator.Content,
                    RoutePatternParameterPart { IsCatchAll: true } => "index.html",
                    RoutePatternParameterPart parameter when parameter.ParameterPolicies.Any(p => p.Content is "long" or "int") => "1",
                    RoutePatternParameterPart => "x",
                    _ => "",
                });
            }
        }
        return path.Length == 0 ? "/" : path.ToString();
    }
}

/// <summary>One method of one mapped endpoint.</summary>
/// <param name="Method">GET, POST...</param>
/// <param name="Pattern">The route pattern ("/api/callbacks/{id:long}").</param>
/// <param name="SamplePath">A path matching it ("/api/callbacks/1").</param>
/// <param name="IsAnonymous">Marked AllowAnonymous.</param>
public sealed record HostEndpoint(string Method, string Pattern, string SamplePath, bool IsAnonymous)
{
    public bool IsStateChanging => Method is not ("GET" or "HEAD" or "OPTIONS" or "TRACE");

    public override string ToString() => $"{Method} {Pattern}";
}
