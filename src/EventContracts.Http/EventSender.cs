using System;
using System.Collections.Generic;
using System.Diagnostics;
using System.Globalization;
using System.IO;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using EventContracts.Delivery;
using EventContracts.Http.Internal;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace EventContracts.Http;

/// <summary>
/// Sends events to one vendor: writes the vendor's request body once (the same bytes, so the same
/// <c>messageId</c>, on every retry), validates it against the contract, authenticates as the contract says, posts it
/// through the resilience pipeline and maps the answer to a <see cref="SendResult"/>.
/// Thread-safe; create one per vendor and reuse it.
/// </summary>
public sealed partial class EventSender : IDisposable
{
    private const int MaxResponseBytes = 64 * 1024;

    private static readonly MediaTypeHeaderValue s_json = new MediaTypeHeaderValue("application/json");
    private static readonly MediaTypeWithQualityHeaderValue s_acceptJson = new MediaTypeWithQualityHeaderValue("application/json");
    private static readonly ProductInfoHeaderValue s_userAgent = new ProductInfoHeaderValue("EventContracts", typeof(EventSender).Assembly.GetName().Version?.ToString(3) ?? "0");

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    private readonly SenderSettings _settings;
    private readonly Func<HttpClient> _client;
    private readonly ResiliencePipeline<HttpResponseMessage>? _outerPipeline;
    private readonly HttpClient? _ownedClient;
    private readonly ILogger _logger;
    private readonly byte[] _eventNameProperty;
    private readonly byte[]? _messageIdProperty;
    private volatile bool _disposed;

    internal EventSender(
        SenderSettings settings,
        Func<HttpClient> client,
        ResiliencePipeline<HttpResponseMessage>? outerPipeline,
        HttpClient? ownedClient,
        ILogger? logger)
    {
        _settings = settings;
        _client = client;
        _outerPipeline = outerPipeline;
        _ownedClient = ownedClient;
        _logger = logger ?? NullLogger.Instance;
        _eventNameProperty = Encoding.UTF8.GetBytes(settings.Profile.EventNameProperty ?? string.Empty);
        _messageIdProperty = settings.Profile.MessageIdProperty is { } id ? Encoding.UTF8.GetBytes(id) : null;
    }

    /// <summary>The vendor contract's name (for example <c>Courier</c>).</summary>
    public string Name => _settings.Profile.Name;

    /// <summary>The vendor's profile.</summary>
    public VendorProfile Profile => _settings.Profile;

    /// <summary>The URL requests are posted to (base address plus the contract's path).</summary>
    public Uri Endpoint => _settings.Endpoint;

    /// <summary>
    /// Creates a sender without dependency injection. Without <paramref name="httpClient"/> the sender owns an
    /// <see cref="HttpClient"/> whose handler chain is the resilience pipeline
    /// (<see cref="EventContractsResilience"/>, through <see cref="ResilienceHandler"/>) over a
    /// <see cref="SocketsHttpHandler"/>; with one, the same pipeline runs around each call of that client (a new
    /// request message per attempt, the same body bytes).
    /// </summary>
    /// <param name="profile">The vendor's generated profile (for example <c>CourierContract.Profile</c>).</param>
    /// <param name="options">The options; copied, later changes have no effect.</param>
    /// <param name="httpClient">A client to send with; not disposed by the sender.</param>
    /// <param name="loggerFactory">Logging for the sender and the pipeline's resilience events.</param>
    /// <returns>The sender.</returns>
    /// <exception cref="OptionsValidationException">The options are unusable (missing or malformed credential, <c>http://</c> to a non-loopback host, ...); the message never shows a credential.</exception>
    public static EventSender Create(VendorProfile profile, VendorSenderOptions options, HttpClient? httpClient = null, ILoggerFactory? loggerFactory = null)
    {
        SenderSettings settings = SenderSettings.Resolve(profile, options);
        ResiliencePipeline<HttpResponseMessage> pipeline = EventContractsResilience.Build(settings.Options, loggerFactory);
        ILogger logger = (loggerFactory ?? NullLoggerFactory.Instance).CreateLogger("EventContracts.Http.EventSender");
        if (httpClient is not null)
        {
            return new EventSender(settings, () => httpClient, pipeline, null, logger);
        }

        var primary = new SocketsHttpHandler
        {
            PooledConnectionLifetime = TimeSpan.FromMinutes(2),
            AllowAutoRedirect = false,
        };
        var chain = new ResilienceHandler(pipeline) { InnerHandler = new AttemptCountingHandler(primary) };
        var owned = new HttpClient(chain, disposeHandler: true)
        {
            Timeout = System.Threading.Timeout.InfiniteTimeSpan,
        };
        return new EventSender(settings, () => owned, null, owned, logger);
    }

    /// <summary>
    /// Sends a tracking-plan event: writes this vendor's envelope around it with <see cref="VendorProfile.WriteRequest"/>,
    /// validates the body (when <see cref="VendorSenderOptions.ValidateBeforeSend"/>) and posts it.
    /// </summary>
    /// <param name="trackedEvent">The event.</param>
    /// <param name="userId">The user, written to the vendor's first identity field; null writes none.</param>
    /// <param name="messageId">The idempotency key; a new UUID v7 when null. Pass the same one to re-send the same event.</param>
    /// <param name="cancellationToken">
    /// Cancels the send (and its retries): an <see cref="OperationCanceledException"/> is thrown, once the request is on its
    /// way a <see cref="SendCanceledException"/> with the send's result (its messageId, attempts, the last status).
    /// </param>
    /// <returns>The result; a vendor's refusal, an invalid body and a failure after retries are results, not exceptions.</returns>
    public async Task<SendResult> SendAsync(ITrackedEvent trackedEvent, string? userId, [MessageId] string? messageId = null, CancellationToken cancellationToken = default)
    {
        if (trackedEvent is null)
        {
            throw new ArgumentNullException(nameof(trackedEvent));
        }

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        long started = Stopwatch.GetTimestamp();
        messageId ??= UuidV7.NewString();
        string eventName = trackedEvent.EventName ?? string.Empty;
        List<VendorError>? problems = CheckIds(messageId, userId, _settings.Profile);
        if (problems is not null)
        {
            return Complete(Invalid(messageId, problems, started), eventName, null);
        }

        using var buffer = new PooledBufferWriter(1024);
        try
        {
            Utf8JsonWriter writer = RentWriter(buffer);
            try
            {
                _settings.Profile.WriteRequest(writer, trackedEvent, userId, messageId);
                writer.Flush();
            }
            finally
            {
                ReturnWriter(writer);
            }
        }
        catch (Exception ex) when (IsEventCodeFailure(ex))
        {
            return Complete(Invalid(messageId, new List<VendorError> { WriteFailure(ex) }, started), eventName, null);
        }

        if (_settings.Options.ValidateBeforeSend)
        {
            List<VendorError> errors = ContractErrors(_settings.Profile.ValidateWrittenRequest(buffer.WrittenSpan, trackedEvent, userId, messageId));
            AddEventErrors(_settings.Profile, trackedEvent, errors);
            if (errors.Count > 0)
            {
                return Complete(Invalid(messageId, errors, started), eventName, null);
            }
        }

        return await PostAsync(buffer.WrittenMemory, messageId, eventName, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Sends a request body written elsewhere (for example <c>courierRequest.ToUtf8Json()</c>). The body must
    /// already hold <paramref name="messageId"/> where the vendor has an idempotency key; a different one there, or
    /// none, is reported as <see cref="SendOutcome.Invalid"/>.
    /// </summary>
    /// <param name="utf8Body">The whole JSON body, UTF-8 (a leading byte order mark is not sent). It must not change until the task completes.</param>
    /// <param name="messageId">The idempotency key in the body (for vendors without one: an id to correlate logs).</param>
    /// <param name="cancellationToken">Cancels the send (and its retries), as <see cref="SendAsync(ITrackedEvent, string?, string?, CancellationToken)"/> does.</param>
    /// <returns>The result.</returns>
    public Task<SendResult> SendJsonAsync(ReadOnlyMemory<byte> utf8Body, string messageId, CancellationToken cancellationToken = default)
    {
        if (messageId is null)
        {
            throw new ArgumentNullException(nameof(messageId));
        }

        ThrowIfDisposed();
        return SendBodyAsync(utf8Body, messageId, Stopwatch.GetTimestamp(), cancellationToken);
    }

    /// <summary>
    /// Sends a typed vendor request (for example a <c>CourierRequest</c>): <paramref name="write"/> writes it once into
    /// a pooled buffer, then it is sent as <see cref="SendJsonAsync"/> does.
    /// </summary>
    /// <typeparam name="T">The request type.</typeparam>
    /// <param name="request">The request.</param>
    /// <param name="write">Writes the request (for example <c>static (w, r) =&gt; r.WriteTo(w)</c>).</param>
    /// <param name="messageId">The idempotency key in the request.</param>
    /// <param name="cancellationToken">Cancels the send (and its retries), as <see cref="SendAsync(ITrackedEvent, string?, string?, CancellationToken)"/> does.</param>
    /// <returns>The result.</returns>
    public async Task<SendResult> SendRequestAsync<T>(T request, Action<Utf8JsonWriter, T> write, string messageId, CancellationToken cancellationToken = default)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        if (messageId is null)
        {
            throw new ArgumentNullException(nameof(messageId));
        }

        ThrowIfDisposed();
        cancellationToken.ThrowIfCancellationRequested();
        long started = Stopwatch.GetTimestamp();
        using var buffer = new PooledBufferWriter(1024);
        try
        {
            Utf8JsonWriter writer = RentWriter(buffer);
            try
            {
                write(writer, request);
                writer.Flush();
            }
            finally
            {
                ReturnWriter(writer);
            }
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or JsonException)
        {
            var error = new VendorError(string.Empty, "json", "the request could not be written as JSON: " + _settings.Redactor.Redact(ex.Message));
            return Complete(Invalid(messageId, new List<VendorError> { error }, started), string.Empty, null);
        }

        return await SendBodyAsync(buffer.WrittenMemory, messageId, started, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Disposes the <see cref="HttpClient"/> the sender created (none when one was given or it came from DI). Sends
    /// under way end <see cref="SendOutcome.Failed"/> with code <c>disposed</c> (the vendor may have the event when
    /// <see cref="SendResult.Attempts"/> is above 0); later sends throw <see cref="ObjectDisposedException"/>.
    /// </summary>
    public void Dispose()
    {
        _disposed = true;
        _ownedClient?.Dispose();
    }

    /// <summary>Text with this sender's credentials replaced, for a result or a log line.</summary>
    internal string Redact(string text) => _settings.Redactor.Redact(text);

    /// <summary>The vendor and the endpoint; never a credential.</summary>
    /// <returns>For example <c>EventSender Courier -&gt; https://api.courier.com/inbound/courier</c>.</returns>
    public override string ToString() => "EventSender " + Name + " -> " + Endpoint;

    internal static SendResult Unsent(SendOutcome outcome, string destination, string messageId, VendorError error)
        => new SendResult(outcome, destination, messageId, null, null, new[] { error }, 0, TimeSpan.Zero);

    private async Task<SendResult> SendBodyAsync(ReadOnlyMemory<byte> body, string messageId, long started, CancellationToken cancellationToken)
    {
        // First, as every send does: a cancelled caller gets the exception, not an Invalid result it no longer wants.
        cancellationToken.ThrowIfCancellationRequested();

        // A byte order mark before the JSON is not sent: the validators skip it, and a vendor's parser may refuse it.
        body = body.Slice(body.Length - EventContracts.Serialization.JsonRead.WithoutByteOrderMark(body.Span).Length);
        string eventName = EventContracts.Serialization.JsonRead.TopLevelString(body.Span, _eventNameProperty) ?? string.Empty;
        List<VendorError>? problems = CheckIds(messageId, null, _settings.Profile);
        if (problems is not null)
        {
            return Complete(Invalid(messageId, problems, started), eventName, null);
        }

        string? inBody = _messageIdProperty is null ? null : EventContracts.Serialization.JsonRead.TopLevelString(body.Span, _messageIdProperty);
        if (inBody is not null && !string.Equals(inBody, messageId, StringComparison.Ordinal))
        {
            var error = new VendorError("/" + _settings.Profile.MessageIdProperty, "messageId", "the body's " + _settings.Profile.MessageIdProperty + " differs from the messageId argument");
            return Complete(Invalid(messageId, new List<VendorError> { error }, started), eventName, null);
        }

        if (_settings.Options.ValidateBeforeSend)
        {
            List<VendorError> errors = ContractErrors(_settings.Profile.ValidateRequest(body.Span));
            if (errors.Count > 0)
            {
                return Complete(Invalid(messageId, errors, started), eventName, null);
            }
        }

        if (_messageIdProperty is not null && inBody is null)
        {
            // A schema may leave the key out (Customer.io's does), but then a retry after a lost answer is counted twice
            // and the result would name an id the vendor never saw.
            var error = new VendorError("/" + _settings.Profile.MessageIdProperty, "messageId", "the body has no " + _settings.Profile.MessageIdProperty + " string; the vendor de-duplicates by it, so write the messageId argument there");
            return Complete(Invalid(messageId, new List<VendorError> { error }, started), eventName, null);
        }

        return await PostAsync(body, messageId, eventName, started, cancellationToken).ConfigureAwait(false);
    }

    private async Task<SendResult> PostAsync(ReadOnlyMemory<byte> body, string messageId, string eventName, long started, CancellationToken cancellationToken)
    {
        using Activity? activity = EventContractsTelemetry.Source.StartActivity("eventcontracts.send", ActivityKind.Client);
        if (activity is not null)
        {
            activity.DisplayName = "send " + Name;
            activity.SetTag("eventcontracts.destination", Name);
            activity.SetTag("eventcontracts.event", eventName);
            activity.SetTag("eventcontracts.message_id", messageId);
            activity.SetTag("server.address", Endpoint.Host);
        }

        var counter = new AttemptCounter(Name);
        SendResult result;
        try
        {
            HttpResponseMessage response;
            if (_outerPipeline is null)
            {
                using HttpRequestMessage request = CreateRequest(body, counter);
                response = await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, cancellationToken).ConfigureAwait(false);
            }
            else
            {
                response = await _outerPipeline.ExecuteAsync(
                    async token =>
                    {
                        counter.OnAttempt();
                        using HttpRequestMessage request = CreateRequest(body, null);
                        HttpResponseMessage answer = await _client().SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token).ConfigureAwait(false);
                        counter.OnAnswer(answer);
                        return answer;
                    },
                    cancellationToken).ConfigureAwait(false);
            }

            using (response)
            {
                result = await MapResponseAsync(response, messageId, Math.Max(counter.Count, 1), started, cancellationToken).ConfigureAwait(false);
            }
        }
        catch (OperationCanceledException ex) when (cancellationToken.IsCancellationRequested)
        {
            Log.Cancelled(_logger, Name, eventName, messageId, counter.Count);
            activity?.SetStatus(ActivityStatusCode.Error, SendCanceledException.CancelledCode);
            activity?.SetTag("eventcontracts.attempts", counter.Count);
            throw new SendCanceledException(new[] { Cancelled(messageId, counter.Count, counter.LastStatus, started) }, ex, cancellationToken);
        }
        catch (Exception ex) when (_disposed && ex is OperationCanceledException or ObjectDisposedException)
        {
            // Disposing the sender cancels the requests of the HttpClient it created.
            result = Disposed(messageId, counter, started, "the sender was disposed");
        }
        catch (TimeoutRejectedException ex)
        {
            string message = "no answer in time (" + ex.Timeout.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s; attempt timeout " + Seconds(_settings.Options.Resilience.AttemptTimeout) + ", total " + Seconds(_settings.Options.Timeout) + ")";
            if (counter.LastStatus is int last)
            {
                // An earlier attempt was answered (a 429 whose Retry-After outlasts the time left, a 5xx before a slow retry).
                message += "; the last answer was HTTP " + last.ToString(CultureInfo.InvariantCulture) + ", and the wait before the next attempt or that attempt ran past the time left";
            }

            result = Failure(messageId, counter.Count, counter.LastStatus, started, "timeout", message);
        }
        catch (BrokenCircuitException)
        {
            string message = counter.Count == 0
                ? "the circuit breaker is open after repeated failures; the call was not attempted"
                : "the circuit breaker opened after repeated failures; the retry was not attempted";
            result = Failure(messageId, counter.Count, counter.LastStatus, started, "circuit_open", message);
        }
        catch (HttpRequestException ex)
        {
            result = Failure(messageId, counter.Count, counter.LastStatus, started, "transport", Describe(ex));
        }
        catch (OperationCanceledException)
        {
            // A timeout that is not the caller's (for example a given HttpClient's own Timeout).
            result = Failure(messageId, counter.Count, counter.LastStatus, started, "timeout", "the request timed out");
        }
        catch (ObjectDisposedException ex)
        {
            // The HttpClient or the resilience pipeline went with its owner (a service provider disposed at shutdown).
            result = Disposed(messageId, counter, started, "a service it sends with was disposed (" + (ex.ObjectName is { Length: > 0 } name ? name : ex.GetType().Name) + "; is the application shutting down?)");
        }
        catch (IOException ex)
        {
            result = Failure(messageId, counter.Count, counter.LastStatus, started, "transport", Describe(ex));
        }

        return Complete(result, eventName, activity);
    }

    private HttpRequestMessage CreateRequest(ReadOnlyMemory<byte> body, AttemptCounter? counter)
    {
        var request = new HttpRequestMessage(_settings.Method, _settings.Endpoint)
        {
            Content = new ReadOnlyMemoryContent(body),
        };
        request.Content.Headers.ContentType = s_json;
        request.Headers.Accept.Add(s_acceptJson);
        request.Headers.UserAgent.Add(s_userAgent);
        foreach (KeyValuePair<string, string> header in _settings.Headers)
        {
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        foreach (KeyValuePair<string, string> header in _settings.AuthHeaders)
        {
            // Checked for control characters when the sender was created.
            request.Headers.TryAddWithoutValidation(header.Key, header.Value);
        }

        if (counter is not null)
        {
            request.Options.Set(AttemptCounter.Key, counter);
        }

        return request;
    }

    private async Task<SendResult> MapResponseAsync(HttpResponseMessage response, string messageId, int attempts, long started, CancellationToken cancellationToken)
    {
        int status = (int)response.StatusCode;
        using var buffer = new PooledBufferWriter(512);
        try
        {
            await ReadBoundedAsync(response.Content, buffer, started, _settings.Options.Timeout, cancellationToken).ConfigureAwait(false);
        }
        catch (TimeoutException)
        {
            return Failure(messageId, attempts, status, started, "timeout", "the answer's body did not arrive in time (total " + Seconds(_settings.Options.Timeout) + ")");
        }

        ReadOnlySpan<byte> body = buffer.WrittenSpan;
        Redactor redactor = _settings.Redactor;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(started);

        if (status is >= 200 and < 300)
        {
            if (ResponseBodies.IsErrorInSuccess(body))
            {
                return new SendResult(SendOutcome.Rejected, Name, messageId, status, null, ResponseBodies.Errors(body, status, response.ReasonPhrase, redactor), attempts, elapsed);
            }

            return new SendResult(SendOutcome.Accepted, Name, messageId, status, ResponseBodies.AcceptedId(body), null, attempts, elapsed);
        }

        List<VendorError> errors = ResponseBodies.Errors(body, status, response.ReasonPhrase, redactor);
        if (status == 409 && _settings.Profile.Duplicates == DuplicateHandling.Rejected409)
        {
            return new SendResult(SendOutcome.Duplicate, Name, messageId, status, null, errors, attempts, elapsed);
        }

        SendOutcome outcome = status is >= 400 and < 500 and not 408 and not 429 ? SendOutcome.Rejected : SendOutcome.Failed;
        return new SendResult(outcome, Name, messageId, status, null, errors, attempts, elapsed);
    }

    private SendResult Complete(SendResult result, string eventName, Activity? activity)
    {
        var destination = new KeyValuePair<string, object?>("eventcontracts.destination", Name);
        var outcome = new KeyValuePair<string, object?>("eventcontracts.outcome", OutcomeName(result.Outcome));
        switch (result.Outcome)
        {
            case SendOutcome.Accepted:
            case SendOutcome.Duplicate:
                EventContractsTelemetry.Sent.Add(1, destination, outcome);
                Log.Delivered(_logger, Name, eventName, result.Outcome, result.MessageId, result.StatusCode, result.Attempts, (long)result.Elapsed.TotalMilliseconds);
                break;
            case SendOutcome.Rejected:
                EventContractsTelemetry.Rejected.Add(1, destination, outcome);
                Log.Rejected(_logger, Name, eventName, result.MessageId, result.StatusCode, result.Attempts, Summary(result.Errors));
                break;
            case SendOutcome.Invalid:
                EventContractsTelemetry.Rejected.Add(1, destination, outcome);
                Log.Invalid(_logger, Name, eventName, result.MessageId, Summary(result.Errors));
                break;
            default:
                EventContractsTelemetry.Failed.Add(1, destination, outcome);
                Log.Failed(_logger, Name, eventName, result.MessageId, result.StatusCode, result.Attempts, (long)result.Elapsed.TotalMilliseconds, Summary(result.Errors));
                break;
        }

        if (result.Attempts > 1)
        {
            Log.Retried(_logger, Name, eventName, result.MessageId, result.Attempts, result.StatusCode);
        }

        if (result.Attempts > 0)
        {
            EventContractsTelemetry.Latency.Record(result.Elapsed.TotalMilliseconds, destination, outcome);
        }

        if (activity is not null)
        {
            activity.SetTag("eventcontracts.outcome", OutcomeName(result.Outcome));
            activity.SetTag("eventcontracts.attempts", result.Attempts);
            if (result.StatusCode is int status)
            {
                activity.SetTag("http.response.status_code", status);
            }

            activity.SetStatus(result.IsDelivered ? ActivityStatusCode.Ok : ActivityStatusCode.Error, result.IsDelivered ? null : OutcomeName(result.Outcome));
        }

        return result;
    }

    private SendResult Invalid(string messageId, List<VendorError> errors, long started)
        => new SendResult(SendOutcome.Invalid, Name, messageId, null, null, errors, 0, Stopwatch.GetElapsedTime(started));

    /// <summary>
    /// The result of a send the caller cancelled: what is known of it (the attempts made, the last answer's status) and
    /// whether the vendor may have it, so that the caller knows to re-send it with the same message id.
    /// </summary>
    private SendResult Cancelled(string messageId, int attempts, int? status, long started)
    {
        if (attempts == 0)
        {
            return new SendResult(SendOutcome.Failed, Name, messageId, status, null, new[] { SendCanceledException.NotSent }, 0, Stopwatch.GetElapsedTime(started));
        }

        string message = "cancelled after " + attempts.ToString(CultureInfo.InvariantCulture) + (attempts == 1 ? " attempt" : " attempts")
            + (status is int last ? " (the last answer: HTTP " + last.ToString(CultureInfo.InvariantCulture) + ")" : string.Empty)
            + ": the vendor may have received it; send it again with the same messageId";
        return new SendResult(SendOutcome.Failed, Name, messageId, status, null, new[] { new VendorError(string.Empty, SendCanceledException.CancelledCode, message) }, attempts, Stopwatch.GetElapsedTime(started));
    }

    private SendResult Disposed(string messageId, AttemptCounter counter, long started, string what)
        => Failure(messageId, counter.Count, counter.LastStatus, started, "disposed", what + (counter.Count > 0 ? " while the request was under way; the vendor may have the event" : " before the request was sent; nothing was sent"));

    private void ThrowIfDisposed()
    {
        if (_disposed)
        {
            throw new ObjectDisposedException(nameof(EventSender), ToString() + " was disposed.");
        }
    }

    private SendResult Failure(string messageId, int attempts, int? status, long started, string code, string message)
        => new SendResult(SendOutcome.Failed, Name, messageId, status, null, new[] { new VendorError(string.Empty, code, _settings.Redactor.Redact(message)) }, attempts, Stopwatch.GetElapsedTime(started));

    private List<VendorError> ContractErrors(ValidationResult result)
    {
        var errors = new List<VendorError>();
        foreach (ValidationError error in result.Errors)
        {
            errors.Add(new VendorError(error.Path, error.Keyword, _settings.Redactor.Redact(error.Message)));
        }

        return errors;
    }

    /// <summary>
    /// Adds the tracking plan's own errors (paths made absolute under the vendor's properties field), without repeating
    /// one the contract already reported. The event is checked on its typed values, which reports what its written
    /// properties would get and is cheaper than reading them back from the body.
    /// </summary>
    private void AddEventErrors(VendorProfile profile, ITrackedEvent trackedEvent, List<VendorError> errors)
    {
        ValidationResult result;
        try
        {
            result = trackedEvent.Validate();
        }
        catch (Exception ex) when (IsEventCodeFailure(ex))
        {
            errors.Add(new VendorError(string.Empty, "event", "the event's Validate() threw " + ex.GetType().Name + ": " + _settings.Redactor.Redact(ex.Message)));
            return;
        }

        if (result.IsValid)
        {
            return;
        }

        string? property = profile.PropertiesProperty;
        string prefix = property is not null
            ? "/" + property.Replace("~", "~0", StringComparison.Ordinal).Replace("/", "~1", StringComparison.Ordinal)
            : string.Empty;
        foreach (ValidationError error in result.Errors)
        {
            var item = new VendorError(prefix + error.Path, error.Keyword, _settings.Redactor.Redact(error.Message));
            if (!errors.Contains(item))
            {
                errors.Add(item);
            }
        }
    }

    /// <summary>
    /// Whether an exception from the event's own code (a hand-written <see cref="ITrackedEvent"/> may throw anything while
    /// it writes or validates itself) makes that event <see cref="SendOutcome.Invalid"/>: thrown, it would end the other
    /// destinations' sends of a track, or the batch's, and lose their results. Cancellation still propagates.
    /// </summary>
    private static bool IsEventCodeFailure(Exception ex) => ex is not (OperationCanceledException or OutOfMemoryException);

    private VendorError WriteFailure(Exception ex)
        => ex is InvalidOperationException or ArgumentException or JsonException
            ? new VendorError(string.Empty, "json", "the event could not be written as JSON: " + _settings.Redactor.Redact(ex.Message))
            : new VendorError(string.Empty, "event", "the event's WriteProperties threw " + ex.GetType().Name + ": " + _settings.Redactor.Redact(ex.Message));

    /// <summary>
    /// What makes the ids unsendable: an empty or control-character message id, a user id with control characters, an
    /// empty user id where the contract needs one (EC5001 at a call site), or a user id for a contract that names no
    /// field to write it to (no <c>x-ec-identity</c>), which would be dropped.
    /// </summary>
    private static List<VendorError>? CheckIds(string messageId, string? userId, VendorProfile profile)
    {
        List<VendorError>? problems = null;
        if (messageId.Length == 0)
        {
            (problems ??= new List<VendorError>()).Add(new VendorError(string.Empty, "messageId", "the messageId is empty"));
        }
        else if (SenderSettings.HasControlCharacter(messageId))
        {
            (problems ??= new List<VendorError>()).Add(new VendorError(string.Empty, "messageId", "the messageId contains a CR, LF or other control character"));
        }

        if (userId is not null && SenderSettings.HasControlCharacter(userId))
        {
            (problems ??= new List<VendorError>()).Add(new VendorError(string.Empty, "userId", "the userId contains a CR, LF or other control character"));
        }

        if (userId is { Length: 0 } && profile.IdentityRequired)
        {
            (problems ??= new List<VendorError>()).Add(new VendorError(string.Empty, "userId", "the userId is empty, and " + profile.Name + " needs a user identifier (" + string.Join(" or ", profile.IdentityProperties) + "): an empty one identifies no one"));
        }

        if (userId is not null && profile.IdentityProperties.Count == 0)
        {
            (problems ??= new List<VendorError>()).Add(new VendorError(string.Empty, "userId", "the " + profile.Name + " contract names no field for a user id (x-ec-identity), so the userId would not be sent; pass null, or declare the field in the contract"));
        }

        return problems;
    }

    /// <summary>
    /// The thread's writer, taken out of its slot while it writes: code of the event's own that sends another event on
    /// this thread meanwhile gets a new writer instead of resetting this one. <see cref="ReturnWriter"/> puts it back.
    /// </summary>
    private static Utf8JsonWriter RentWriter(PooledBufferWriter buffer)
    {
        Utf8JsonWriter? writer = t_writer;
        if (writer is null)
        {
            return new Utf8JsonWriter(buffer);
        }

        t_writer = null;
        writer.Reset(buffer);
        return writer;
    }

    private static void ReturnWriter(Utf8JsonWriter writer)
    {
        writer.Reset();
        t_writer = writer;
    }

    /// <summary>
    /// Reads the answer's body, at most <see cref="MaxResponseBytes"/> of it. Requests are sent with
    /// <see cref="HttpCompletionOption.ResponseHeadersRead"/> (no second buffer in <see cref="HttpClient"/>, and a huge body
    /// is never buffered whole), so the resilience pipeline's timeouts end with the headers: a read that does not complete
    /// at once is bounded by what is left of the send's total time (<paramref name="timeout"/> from <paramref name="started"/>),
    /// and throws <see cref="TimeoutException"/> past it.
    /// </summary>
    private static async Task ReadBoundedAsync(HttpContent content, PooledBufferWriter buffer, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using Stream stream = await content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        int total = 0;
        while (total < MaxResponseBytes)
        {
            Memory<byte> memory = buffer.GetMemory(4096);
            ValueTask<int> pending = stream.ReadAsync(memory.Slice(0, Math.Min(memory.Length, MaxResponseBytes - total)), cancellationToken);
            int read = pending.IsCompleted ? pending.Result : await WithinAsync(pending.AsTask(), started, timeout, cancellationToken).ConfigureAwait(false);
            if (read == 0)
            {
                break;
            }

            buffer.Advance(read);
            total += read;
        }
    }

    private static async Task<int> WithinAsync(Task<int> read, long started, TimeSpan timeout, CancellationToken cancellationToken)
    {
        // Positive and at most a day: the options and the pipeline's timeout strategy are validated when the sender is made.
        TimeSpan left = timeout - Stopwatch.GetElapsedTime(started);
        try
        {
            return await read.WaitAsync(left > TimeSpan.Zero ? left : TimeSpan.Zero, cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex) when (ex is TimeoutException or OperationCanceledException)
        {
            // The caller disposes the response, which ends the read; its failure then is expected, not unobserved.
            _ = read.ContinueWith(static t => t.Exception, CancellationToken.None, TaskContinuationOptions.OnlyOnFaulted | TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            throw;
        }
    }

    private static string Describe(Exception ex)
    {
        var builder = new StringBuilder(ex.Message);
        Exception? inner = ex.InnerException;
        for (int depth = 0; inner is not null && depth < 3; depth++, inner = inner.InnerException)
        {
            builder.Append(" (").Append(inner.Message).Append(')');
        }

        return builder.ToString();
    }

    private static string Summary(IReadOnlyList<VendorError> errors)
    {
        if (errors.Count == 0)
        {
            return "(no details)";
        }

        var builder = new StringBuilder();
        for (int i = 0; i < errors.Count && i < 5; i++)
        {
            if (i > 0)
            {
                builder.Append("; ");
            }

            builder.Append(errors[i].ToString());
        }

        if (errors.Count > 5)
        {
            builder.Append("; and ").Append((errors.Count - 5).ToString(CultureInfo.InvariantCulture)).Append(" more");
        }

        return builder.ToString();
    }

    private static string Seconds(TimeSpan value) => value.TotalSeconds.ToString("0.###", CultureInfo.InvariantCulture) + " s";

    private static string OutcomeName(SendOutcome outcome) => outcome switch
    {
        SendOutcome.Accepted => "accepted",
        SendOutcome.Duplicate => "duplicate",
        SendOutcome.Rejected => "rejected",
        SendOutcome.Invalid => "invalid",
        _ => "failed",
    };
}
