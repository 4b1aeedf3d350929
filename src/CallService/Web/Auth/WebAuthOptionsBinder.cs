using CallService.Hosting;
using Microsoft.Extensions.Configuration;

namespace CallService.Web.Auth;

/// <summary>
/// Reads <see cref="WebAuthOptions"/> from the "Web" section by hand (<see cref="SectionReader"/>), so
/// that an unreadable number or an unknown key of a user ("Password" instead of "PasswordHash") is one
/// failure line naming the key. The section's other keys (Urls) are <see cref="WebOptions"/>'.
/// </summary>
internal static class WebAuthOptionsBinder
{
    public static void Bind(IConfiguration configuration, WebAuthOptions options)
    {
        IConfigurationSection web = configuration.GetSection(WebOptions.SectionName);
        var reader = new SectionReader(web);
        options.Language = reader.String(nameof(WebAuthOptions.Language), options.Language);
        options.MaxFailedSignIns = reader.Int(nameof(WebAuthOptions.MaxFailedSignIns), options.MaxFailedSignIns, "failed sign-ins before a lockout, e.g. 5");
        options.LockoutMinutes = reader.Int(nameof(WebAuthOptions.LockoutMinutes), options.LockoutMinutes, "minutes, e.g. 15");
        options.SessionMinutes = reader.Int(nameof(WebAuthOptions.SessionMinutes), options.SessionMinutes, "minutes, e.g. 480");
        options.MetricsToken = reader.OptionalString(nameof(WebAuthOptions.MetricsToken));
        options.BindingFailures.AddRange(reader.Failures);

        // Array elements in index order ("Web:Users:10" after "Web:Users:9"), each with its own path.
        IEnumerable<IConfigurationSection> users = web.GetSection(nameof(WebAuthOptions.Users)).GetChildren()
            .OrderBy(c => int.TryParse(c.Key, out int index) ? index : int.MaxValue)
            .ThenBy(c => c.Key, StringComparer.Ordinal);
        foreach (IConfigurationSection element in users)
        {
            var userReader = new SectionReader(element);
            var user = new WebUserOptions
            {
                UserName = userReader.String(nameof(WebUserOptions.UserName), ""),
                DisplayName = userReader.OptionalString(nameof(WebUserOptions.DisplayName)),
                Role = userReader.String(nameof(WebUserOptions.Role), ""),
                AgentId = userReader.OptionalString(nameof(WebUserOptions.AgentId)),
                PasswordHash = userReader.String(nameof(WebUserOptions.PasswordHash), ""),
            };
            userReader.RejectUnknownKeys();
            options.BindingFailures.AddRange(userReader.Failures);
            options.Users.Add(user);
            options.Paths.Add(element.Path);
        }
    }
}
