using System.Net.Sockets;

namespace CallService.Sip.Transport;

/// <summary>A send that failed in the transport (not a cancellation): see <see cref="Error"/>.</summary>
public sealed class SipTransportException : Exception
{
    public SipTransportException(SipTransportError error, SipEndPoint destination, string message, SocketError socketError = SocketError.Success, Exception? innerException = null)
        : base(message, innerException)
    {
        Error = error;
        Destination = destination;
        SocketError = socketError;
    }

    public SipTransportError Error { get; }

    public SipEndPoint Destination { get; }

    /// <summary>The socket's error code when the operating system reported one, else <see cref="SocketError.Success"/>.</summary>
    public SocketError SocketError { get; }
}
