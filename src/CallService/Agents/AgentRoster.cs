using CallService.Lines;
using CallService.Sip.Registrar;

namespace CallService.Agents;

/// <summary>The configured agents, typed and indexed by id, SIP user and address-of-record. Immutable.</summary>
public sealed class AgentRoster
{
    private readonly Dictionary<string, Agent> _byId = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Agent> _bySipUser = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Agent> _byAddressOfRecord = new(StringComparer.Ordinal);

    /// <summary>Builds the roster from validated options (see <see cref="AgentsOptionsValidator"/>).</summary>
    /// <exception cref="ArgumentException">An agent is invalid (the start-up check reports it first).</exception>
    public AgentRoster(AgentsOptions options, RegistrarOptions registrar)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(registrar);
        var agents = new List<Agent>(options.Agents.Count);
        foreach (AgentOptions o in options.Agents)
        {
            if (!LineDesks.TryParse(o.Desk, out LineDesk desk))
            {
                throw new ArgumentException($"Agent {o.Id}: unknown desk \"{o.Desk}\".", nameof(options));
            }

            string sipUser = o.SipUser.Trim();
            var agent = new Agent(
                o.Id.Trim(),
                o.DisplayName.Trim(),
                sipUser,
                registrar.AddressOfRecordFor(sipUser),
                desk,
                [.. o.Lines.Select(l => l.Trim())],
                TimeSpan.FromSeconds(o.WrapUpSeconds),
                string.IsNullOrWhiteSpace(o.Ha1Md5) ? null : o.Ha1Md5.Trim().ToLowerInvariant(),
                string.IsNullOrWhiteSpace(o.Ha1Sha256) ? null : o.Ha1Sha256.Trim().ToLowerInvariant());
            agents.Add(agent);
            _byId.Add(agent.Id, agent);
            _bySipUser.Add(agent.SipUser, agent);
            _byAddressOfRecord.Add(agent.AddressOfRecord, agent);
        }

        Agents = agents;
        Realm = registrar.Realm;
    }

    /// <summary>The agents in configuration order.</summary>
    public IReadOnlyList<Agent> Agents { get; }

    /// <summary>The digest realm the HA1 values belong to.</summary>
    public string Realm { get; }

    /// <summary>The agent with <paramref name="id"/> (ignoring case), or null.</summary>
    public Agent? Find(string id) => _byId.GetValueOrDefault(id);

    /// <summary>The agent whose softphone registers as <paramref name="sipUser"/>, or null.</summary>
    public Agent? FindBySipUser(string sipUser) => _bySipUser.GetValueOrDefault(sipUser);

    /// <summary>The agent of the canonical <paramref name="addressOfRecord"/>, or null.</summary>
    public Agent? FindByAddressOfRecord(string addressOfRecord) => _byAddressOfRecord.GetValueOrDefault(addressOfRecord);
}
