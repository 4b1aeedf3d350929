using CallService.Sip.Messages;
using CallService.Sip.Transactions;
using CallService.Sip.Transport;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace CallService.Sip.Core;

/// <summary>
/// The stack in one object: bytes from the transport are parsed, checked and handed to the
/// transaction layer; the UA core above it serves calls. A request that cannot be parsed but can be
/// answered gets its error response here, statelessly (RFC 3261 16.3/8.2 and RFC 4475); anything
/// else that is broken is counted and dropped, never thrown back to the transport's receive loop.
/// </summary>
public sealed partial class SipStack : IDisposable
{
    private readonly ILogger _logger;
    private long _received;
    private long _rejected;
    private long _dropped;

    public SipStack(SipStackOptions options, ISipSender sender, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        Options = options;
        Time = time;
        var factory = loggerFactory ?? NullLoggerFactory.Instance;
        _logger = factory.CreateLogger("CallService.Sip.Stack");
        Transactions = new SipTransactionLayer(sender, time, options.Timers, factory.CreateLogger("CallService.Sip.Transactions"));
        UserAgent = new SipUserAgent(this, factory.CreateLogger("CallService.Sip.UserAgent"));
        Transactions.SetUser(UserAgent);
    }

    /// <summary>A stack on <paramref name="transport"/>: it sends through it and subscribes to what it receives.</summary>
    public static SipStack Create(SipStackOptions options, ISipTransport transport, TimeProvider time, ILoggerFactory? loggerFactory = null)
    {
        var stack = new SipStack(options, new TransportSender(transport), time, loggerFactory);
        transport.SetPacketHandler(stack.OnPacket);
        return stack;
    }

    private void OnPacket(in SipInboundPacket packet) => Receive(packet.Data.Span, packet.Remote);

    public SipStackOptions Options { get; }

    public TimeProvider Time { get; }

    public SipTransactionLayer Transactions { get; }

    public SipUserAgent UserAgent { get; }

    /// <summary>Messages parsed and passed up.</summary>
    public long Received => Interlocked.Read(ref _received);

    /// <summary>Requests answered with an error straight from the parser (400, 505).</summary>
    public long Rejected => Interlocked.Read(ref _rejected);

    /// <summary>Input that was neither a message nor answerable: dropped.</summary>
    public long Dropped => Interlocked.Read(ref _dropped);

    /// <summary>Entry point for the transport: one whole message (a datagram or a framed stream message).</summary>
    public void Receive(ReadOnlySpan<byte> data, SipEndPoint source)
    {
        SipParseResult result;
        try
        {
            result = SipParser.Parse(data);
        }
        catch (Exception ex)
        {
            // The parser promises not to throw; if it ever does, the receive loop must not die.
            Interlocked.Increment(ref _dropped);
            LogParserFault(_logger, source.ToString(), ex);
            return;
        }

        if (!result.Success)
        {
            RejectUnparsable(result, source);
            return;
        }

        Interlocked.Increment(ref _received);
        try
        {
            switch (result.Message)
            {
                case SipRequest request:
                    ViaRouting.StampReceived(request, source);
                    Transactions.OnRequest(request, source, ViaRouting.ResponseDestination(request, source));
                    break;
                case SipResponse response:
                    OnResponse(response, source);
                    break;
            }
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _dropped);
            LogHandlerFault(_logger, source.ToString(), ex);
        }
    }

    private void OnResponse(SipResponse response, SipEndPoint source)
    {
        // RFC 3261 18.1.2: a response whose top Via sent-by is not ours is discarded.
        var via = response.TopVia;
        int port = via.Port ?? 5060;
        if (port != Options.AdvertisedPort || !string.Equals(via.Host, Options.AdvertisedHost, StringComparison.OrdinalIgnoreCase))
        {
            Interlocked.Increment(ref _dropped);
            LogForeignResponse(_logger, source.ToString(), via.Host, port);
            return;
        }
        Transactions.OnResponse(response, source);
    }

    private void RejectUnparsable(in SipParseResult result, SipEndPoint source)
    {
        SipResponse? response;
        try
        {
            // Null when nothing may be answered: not a request, an ACK (RFC 3261 17.2.3), or too broken
            // to build a response from (no usable Via, Call-ID, CSeq...).
            response = SipRejections.CreateResponse(result);
        }
        catch (Exception ex)
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(_logger, source.ToString(), result.Error, result.Detail + " (" + ex.Message + ")");
            return;
        }
        if (response is null)
        {
            Interlocked.Increment(ref _dropped);
            LogDropped(_logger, source.ToString(), result.Error, result.Detail);
            return;
        }
        response.Headers.Add("Server", Options.Product);
        Transactions.SendStateless(SipWriter.ToBytes(response), ResponseDestination(result.PartialRequest, source));
        Interlocked.Increment(ref _rejected);
        LogRejected(_logger, source.ToString(), response.StatusCode, response.ReasonPhrase);
    }

    /// <summary>RFC 3261 18.2.2 from the partial request's Via when it has a usable one, else back
    /// to where the bytes came from.</summary>
    private static SipEndPoint ResponseDestination(SipRequest? partial, SipEndPoint source)
    {
        try
        {
            return partial is null ? source : ViaRouting.ResponseDestination(partial, source);
        }
        catch (InvalidOperationException)
        {
            return source;
        }
    }

    public void Dispose() => Transactions.Dispose();

    [LoggerMessage(EventId = 1801, Level = LogLevel.Debug, Message = "Dropped unparsable input from {Source}: {Error} {Detail}")]
    private static partial void LogDropped(ILogger logger, string source, SipParseError error, string? detail);

    [LoggerMessage(EventId = 1802, Level = LogLevel.Information, Message = "Rejected a malformed request from {Source} with {StatusCode} {Reason}")]
    private static partial void LogRejected(ILogger logger, string source, int statusCode, string reason);

    [LoggerMessage(EventId = 1803, Level = LogLevel.Error, Message = "The parser failed on input from {Source}")]
    private static partial void LogParserFault(ILogger logger, string source, Exception ex);

    [LoggerMessage(EventId = 1804, Level = LogLevel.Error, Message = "Handling a message from {Source} failed")]
    private static partial void LogHandlerFault(ILogger logger, string source, Exception ex);

    [LoggerMessage(EventId = 1805, Level = LogLevel.Debug, Message = "Discarded a response from {Source} whose Via names {Host}:{Port}, not us")]
    private static partial void LogForeignResponse(ILogger logger, string source, string host, int port);
}
