using CallService.Sip.Core;
using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Registrar;

/// <summary>
/// Keeps an eye on registered contacts: each one is sent OPTIONS (RFC 3261 11) every
/// <see cref="QualifyOptions.Interval"/>, over the flow it registered from. A contact that leaves
/// <see cref="QualifyOptions.MaxFailures"/> in a row unanswered (timeout, 408 or 503) is marked
/// unreachable in the store, so it is not rung; any other answer, or a new REGISTER, makes it
/// reachable again. One timer per contact on the stack's <see cref="SipTimerQueue"/>; no scan.
/// </summary>
public sealed class ContactQualifier : IDisposable
{
    private readonly SipUserAgent _userAgent;
    private readonly IRegistrationStore _store;
    private readonly QualifyOptions _options;
    private readonly ILogger _logger;
    private readonly SipTimerQueue _timers;
    private readonly Dictionary<long, Contact> _contacts = [];
    private readonly Lock _gate = new();
    private readonly CancellationTokenSource _stop = new();
    private long _pingsSent;
    private long _pingsAnswered;
    private bool _started;
    private bool _disposed;

    /// <exception cref="ArgumentException">The options are out of range.</exception>
    public ContactQualifier(SipUserAgent userAgent, IRegistrationStore store, QualifyOptions options, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(userAgent);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        _userAgent = userAgent;
        _store = store;
        _options = options;
        _logger = logger ?? NullLogger.Instance;
        _timers = userAgent.TimerQueue;
    }

    /// <summary>OPTIONS sent so far.</summary>
    public long PingsSent => Interlocked.Read(ref _pingsSent);

    /// <summary>OPTIONS that ended (answered or not) so far.</summary>
    public long PingsCompleted => Interlocked.Read(ref _pingsAnswered);

    /// <summary>Unanswered OPTIONS in a row of binding <paramref name="bindingId"/> (0 when unknown).</summary>
    public int ConsecutiveFailures(long bindingId)
    {
        lock (_gate)
        {
            return _contacts.TryGetValue(bindingId, out Contact? contact) ? contact.Failures : 0;
        }
    }

    /// <summary>Starts following the store: existing and future bindings are pinged.</summary>
    public void Start()
    {
        lock (_gate)
        {
            ObjectDisposedException.ThrowIf(_disposed, this);
            if (_started)
            {
                return;
            }

            _started = true;
            _store.Changed += OnChanged;
            foreach (SipBinding binding in _store.GetAll())
            {
                Track(binding);
            }
        }
    }

    private void OnChanged(BindingChange change)
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            SipBinding binding = change.Binding;
            switch (change.Kind)
            {
                case BindingChangeKind.Added:
                    Track(binding);
                    break;
                case BindingChangeKind.Refreshed:
                    if (_contacts.TryGetValue(binding.Id, out Contact? refreshed))
                    {
                        // A new REGISTER proves the contact alive: the count starts again.
                        refreshed.Binding = binding;
                        refreshed.Failures = 0;
                    }
                    else
                    {
                        Track(binding);
                    }

                    break;
                case BindingChangeKind.ReachabilityChanged:
                    if (_contacts.TryGetValue(binding.Id, out Contact? changed))
                    {
                        changed.Binding = binding;
                    }

                    break;
                case BindingChangeKind.Removed:
                    if (_contacts.Remove(binding.Id, out Contact? removed))
                    {
                        removed.Timer?.Cancel();
                    }

                    break;
            }
        }
    }

    // Called under _gate.
    private void Track(SipBinding binding)
    {
        if (_contacts.ContainsKey(binding.Id))
        {
            return;
        }

        var contact = new Contact(binding);
        _contacts.Add(binding.Id, contact);
        Schedule(contact);
    }

    // Called under _gate.
    private void Schedule(Contact contact) =>
        contact.Timer = _timers.Schedule(_options.Interval, static state =>
        {
            var (qualifier, due) = ((ContactQualifier, Contact))state!;
            _ = qualifier.PingAsync(due);
        }, (this, contact));

    private async Task PingAsync(Contact contact)
    {
        SipBinding binding;
        lock (_gate)
        {
            if (_disposed || !_contacts.TryGetValue(contact.Binding.Id, out Contact? current) || !ReferenceEquals(current, contact))
            {
                return;
            }

            binding = contact.Binding;
        }

        int statusCode;
        try
        {
            // RFC 3261 11.1: OPTIONS to the contact, sent along the flow the REGISTER came over (NAT).
            SipRequest options = _userAgent.CreateRequest(SipMethod.Options, binding.ContactUri,
                new SipNameAddress(_userAgent.Contact(null, binding.Source.Protocol).Uri), new SipNameAddress(binding.ContactUri),
                protocol: binding.Source.Protocol);
            Interlocked.Increment(ref _pingsSent);
            ClientTransactionOutcome outcome = await _userAgent.SendAsync(options, binding.Source, null, _stop.Token).ConfigureAwait(false);
            statusCode = outcome.StatusCode;
        }
        catch (OperationCanceledException) when (_stop.IsCancellationRequested)
        {
            return;
        }
        catch (Exception ex)
        {
            QualifyLog.PingFault(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), ex);
            statusCode = 503;
        }

        Interlocked.Increment(ref _pingsAnswered);
        Settle(contact, statusCode);
    }

    private void Settle(Contact contact, int statusCode)
    {
        // Any answer but 408 (our timeout, or a proxy's) and 503 proves the contact alive.
        bool answered = statusCode is not (408 or 503);
        SipBinding binding;
        bool? reachable = null;
        int failures;
        lock (_gate)
        {
            if (_disposed || !_contacts.TryGetValue(contact.Binding.Id, out Contact? current) || !ReferenceEquals(current, contact))
            {
                return;
            }

            binding = contact.Binding;
            contact.Failures = answered ? 0 : contact.Failures + 1;
            failures = contact.Failures;
            if (answered && !binding.IsReachable)
            {
                reachable = true;
            }
            else if (!answered && binding.IsReachable && failures >= _options.MaxFailures)
            {
                reachable = false;
            }

            Schedule(contact);
        }

        string destination = binding.Source.ToString();
        QualifyLog.Pinged(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), destination, statusCode);
        if (reachable is { } now && _store.SetReachable(binding.AddressOfRecord, binding.Id, now))
        {
            if (now)
            {
                QualifyLog.Reachable(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), destination, statusCode);
            }
            else
            {
                QualifyLog.Unreachable(_logger, binding.AddressOfRecord, binding.ContactUri.ToString(), destination, failures);
            }
        }
    }

    public void Dispose()
    {
        lock (_gate)
        {
            if (_disposed)
            {
                return;
            }

            _disposed = true;
            _store.Changed -= OnChanged;
            foreach (Contact contact in _contacts.Values)
            {
                contact.Timer?.Cancel();
            }

            _contacts.Clear();
        }

        // Not disposed: a ping between the check above and its send may still read the token.
        _stop.Cancel();
    }

    private sealed class Contact(SipBinding binding)
    {
        public SipBinding Binding { get; set; } = binding;

        public int Failures { get; set; }

        public SipTimerHandle? Timer { get; set; }
    }
}
