using CallService.Sip.Messages;
using Microsoft.Extensions.Options;

namespace CallService.Callbacks;

/// <summary>Checks the "Callbacks" section at start: one line per problem, naming the key and the fix.</summary>
public sealed class CallbackDialerOptionsValidator : IValidateOptions<CallbackDialerOptions>
{
    public ValidateOptionsResult Validate(string? name, CallbackDialerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var failures = new List<string>(options.BindingFailures);
        if (options.RingSeconds is < CallbackDialerOptions.MinRingSeconds or > CallbackDialerOptions.MaxRingSeconds)
        {
            failures.Add($"Callbacks:RingSeconds = {options.RingSeconds} is out of range: use {CallbackDialerOptions.MinRingSeconds}..{CallbackDialerOptions.MaxRingSeconds}.");
        }
        if (!string.IsNullOrWhiteSpace(options.OutboundProxy)
            && (!SipUri.TryParse(options.OutboundProxy.Trim(), out SipUri? uri) || uri is null || string.IsNullOrEmpty(uri.Host)))
        {
            failures.Add($"Callbacks:OutboundProxy = \"{options.OutboundProxy}\" is not a SIP URI: use e.g. sip:pbx.example.com:5060.");
        }
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
