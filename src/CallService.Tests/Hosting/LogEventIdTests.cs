using System.Reflection;
using CallService.Engine;
using CallService.Sip.Core;
using Microsoft.Extensions.Logging;

namespace CallService.Tests.Hosting;

/// <summary>
/// A support engineer filters the service's log by event id (Serilog keeps it as the EventId property):
/// each id must name one kind of event across the product and its SIP library.
/// </summary>
public sealed class LogEventIdTests
{
    [Fact]
    public void Every_log_event_of_the_product_and_the_sip_library_has_its_own_id()
    {
        var events = new[] { typeof(SipEngine).Assembly, typeof(SipStack).Assembly }
            .SelectMany(assembly => assembly.GetTypes())
            .SelectMany(type => type.GetMethods(BindingFlags.Static | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.DeclaredOnly))
            .Select(method => (Method: method, Attribute: method.GetCustomAttribute<LoggerMessageAttribute>()))
            .Where(e => e.Attribute is not null)
            .Select(e => (Id: e.Attribute!.EventId, Name: $"{e.Method.DeclaringType!.Name}.{e.Method.Name}"))
            .ToList();

        Assert.True(events.Count > 100, $"found only {events.Count} log events: the scan is broken");
        var shared = events.GroupBy(e => e.Id).Where(g => g.Count() > 1)
            .Select(g => $"{g.Key}: {string.Join(", ", g.Select(e => e.Name))}").ToList();
        Assert.True(shared.Count == 0, "event ids used twice:\n" + string.Join('\n', shared));
    }
}
