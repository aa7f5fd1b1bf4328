using Microsoft.Extensions.Logging;

namespace EventContracts.Http.Internal;

/// <summary>Structured log messages. No field ever holds a credential; vendor texts pass the redactor first.</summary>
internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Debug, Message = "{Destination}: {EventName} {Outcome} (messageId {MessageId}, status {StatusCode}, {Attempts} attempt(s), {ElapsedMs} ms)")]
    public static partial void Delivered(ILogger logger, string destination, string eventName, SendOutcome outcome, string messageId, int? statusCode, int attempts, long elapsedMs);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "{Destination}: {EventName} rejected (messageId {MessageId}, status {StatusCode}, {Attempts} attempt(s)): {Errors}")]
    public static partial void Rejected(ILogger logger, string destination, string eventName, string messageId, int? statusCode, int attempts, string errors);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "{Destination}: {EventName} not sent, invalid (messageId {MessageId}): {Errors}")]
    public static partial void Invalid(ILogger logger, string destination, string eventName, string messageId, string errors);

    [LoggerMessage(EventId = 4, Level = LogLevel.Error, Message = "{Destination}: {EventName} failed (messageId {MessageId}, status {StatusCode}, {Attempts} attempt(s), {ElapsedMs} ms): {Errors}")]
    public static partial void Failed(ILogger logger, string destination, string eventName, string messageId, int? statusCode, int attempts, long elapsedMs, string errors);

    [LoggerMessage(EventId = 5, Level = LogLevel.Information, Message = "{Destination}: {EventName} cancelled by the caller (messageId {MessageId}, {Attempts} attempt(s))")]
    public static partial void Cancelled(ILogger logger, string destination, string eventName, string messageId, int attempts);

    [LoggerMessage(EventId = 6, Level = LogLevel.Information, Message = "{Destination}: {EventName} needed {Attempts} attempts (messageId {MessageId}, final status {StatusCode})")]
    public static partial void Retried(ILogger logger, string destination, string eventName, string messageId, int attempts, int? statusCode);

    [LoggerMessage(EventId = 7, Level = LogLevel.Warning, Message = "{EventName}: no sender is registered for destination {Destination} (messageId {MessageId})")]
    public static partial void Unregistered(ILogger logger, string eventName, string destination, string messageId);

    [LoggerMessage(EventId = 8, Level = LogLevel.Error, Message = "{EventName}: the sender for {Destination} is misconfigured (messageId {MessageId}): {Problem}")]
    public static partial void Misconfigured(ILogger logger, string eventName, string destination, string messageId, string problem);

    [LoggerMessage(EventId = 9, Level = LogLevel.Error, Message = "{EventName}: the send to {Destination} threw (messageId {MessageId})")]
    public static partial void Threw(ILogger logger, System.Exception exception, string eventName, string destination, string messageId);
}
