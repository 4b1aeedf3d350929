namespace CallService.Sip.Core;

/// <summary>A request target could not be resolved to an address.</summary>
public sealed class SipUnreachableException(string message) : Exception(message);
