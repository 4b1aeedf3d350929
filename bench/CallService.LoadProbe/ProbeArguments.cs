using System.Globalization;
using System.Net;

namespace CallService.LoadProbe;

/// <summary>"--name value" pairs of the command line.</summary>
internal sealed class ProbeArguments
{
    private readonly Dictionary<string, string> _values = new(StringComparer.Ordinal);

    public ProbeArguments(IEnumerable<string> args)
    {
        string? name = null;
        foreach (string arg in args)
        {
            if (arg.StartsWith("--", StringComparison.Ordinal))
            {
                if (name is not null)
                {
                    _values[name] = "true";
                }
                name = arg[2..];
            }
            else if (name is not null)
            {
                _values[name] = arg;
                name = null;
            }
            else
            {
                throw new ArgumentException($"unexpected argument '{arg}'");
            }
        }
        if (name is not null)
        {
            _values[name] = "true";
        }
    }

    public string? Text(string name) => _values.GetValueOrDefault(name);

    public string Required(string name) => Text(name) ?? throw new ArgumentException($"--{name} is required");

    public int Int(string name, int fallback) => _values.TryGetValue(name, out string? v) ? int.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public double Double(string name, double fallback) => _values.TryGetValue(name, out string? v) ? double.Parse(v, CultureInfo.InvariantCulture) : fallback;

    public bool Flag(string name) => _values.ContainsKey(name);

    /// <summary>The service's SIP address: loopback only (the probe never calls anywhere else).</summary>
    public IPEndPoint Service()
    {
        var endpoint = IPEndPoint.Parse(Required("service"));
        if (!IPAddress.IsLoopback(endpoint.Address))
        {
            throw new ArgumentException("--service must be a loopback address (127.0.0.1:PORT)");
        }
        return endpoint;
    }
}
