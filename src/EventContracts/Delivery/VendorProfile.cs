using System;
using System.Collections.Generic;
using System.IO;
using System.Text.Json;

namespace EventContracts.Delivery;

/// <summary>What a vendor does with a repeated idempotency key, from the contract's <c>x-ec-dedupe</c>.</summary>
public enum DuplicateHandling
{
    /// <summary>The contract says nothing: every call counts.</summary>
    None,

    /// <summary>A repeat is rejected with 409 Conflict (Courier): the first call was delivered.</summary>
    Rejected409,

    /// <summary>A repeat is accepted and ignored (Customer.io within its window).</summary>
    Ignored,

    /// <summary>A repeat is accepted idempotently (Tranthor).</summary>
    Idempotent,
}

/// <summary>
/// The generated description of a vendor's track call: where it goes, how it authenticates, and
/// which request fields carry the event name, its properties, the idempotency key and the user.
/// Senders and the tracker use it to wrap any tracked event in this vendor's envelope.
/// </summary>
public sealed class VendorProfile
{
    [ThreadStatic]
    private static MemoryStream? t_envelope;

    [ThreadStatic]
    private static Utf8JsonWriter? t_envelopeWriter;

    /// <summary>Creates a profile (called by generated code).</summary>
    /// <param name="name">The contract's name.</param>
    /// <param name="method">The HTTP method.</param>
    /// <param name="path">The path relative to a server URL.</param>
    /// <param name="servers">Documented server URL templates.</param>
    /// <param name="auth">Credentials the call needs (all of them).</param>
    /// <param name="eventNameProperty">The request field that carries the event name.</param>
    /// <param name="propertiesProperty">The request field that carries the event's properties.</param>
    /// <param name="messageIdProperty">The request field that carries the idempotency key, or null.</param>
    /// <param name="identityProperties">Request fields that identify the user, in order of preference.</param>
    /// <param name="constantFields">Fields with a single allowed value (name and JSON value), such as <c>type: track</c>.</param>
    /// <param name="duplicates">What the vendor does with a repeated idempotency key.</param>
    /// <param name="validateRequest">The generated validator of the request body.</param>
    /// <param name="serverVariables">Defaults of the server URL variables, such as <c>environment = analytex</c>.</param>
    /// <param name="defaultHeaders">Headers senders send by default (the contract's <c>x-ec-send</c>).</param>
    /// <param name="batchItemsProperty">For a batch call, the array property that holds the individual calls (<c>x-ec-batch</c>).</param>
    /// <param name="maxRequestBytes">The largest request body the vendor accepts, when the contract states one.</param>
    /// <param name="propertiesAcceptAnyObject">Whether the contract accepts any JSON object as the event's properties (see <see cref="PropertiesAcceptAnyObject"/>).</param>
    /// <param name="identityRequired">Whether every request needs one of <paramref name="identityProperties"/> (see <see cref="IdentityRequired"/>).</param>
    public VendorProfile(
        string name,
        string method,
        string path,
        IReadOnlyList<string> servers,
        IReadOnlyList<VendorAuth> auth,
        string? eventNameProperty,
        string? propertiesProperty,
        string? messageIdProperty,
        IReadOnlyList<string> identityProperties,
        IReadOnlyList<KeyValuePair<string, string>> constantFields,
        DuplicateHandling duplicates,
        Utf8JsonValidator validateRequest,
        IReadOnlyList<KeyValuePair<string, string>>? serverVariables = null,
        IReadOnlyList<KeyValuePair<string, string>>? defaultHeaders = null,
        string? batchItemsProperty = null,
        int? maxRequestBytes = null,
        bool propertiesAcceptAnyObject = false,
        bool identityRequired = false)
    {
        Name = name ?? throw new ArgumentNullException(nameof(name));
        Method = method ?? throw new ArgumentNullException(nameof(method));
        Path = path ?? throw new ArgumentNullException(nameof(path));
        Servers = ReadOnly(servers, nameof(servers));
        Auth = ReadOnly(auth, nameof(auth));
        EventNameProperty = eventNameProperty;
        PropertiesProperty = propertiesProperty;
        MessageIdProperty = messageIdProperty;
        IdentityProperties = ReadOnly(identityProperties, nameof(identityProperties));
        ConstantFields = ReadOnly(constantFields, nameof(constantFields));
        Duplicates = duplicates;
        ValidateRequest = validateRequest ?? throw new ArgumentNullException(nameof(validateRequest));
        ServerVariables = ReadOnly(serverVariables ?? Array.Empty<KeyValuePair<string, string>>(), nameof(serverVariables));
        DefaultHeaders = ReadOnly(defaultHeaders ?? Array.Empty<KeyValuePair<string, string>>(), nameof(defaultHeaders));
        BatchItemsProperty = batchItemsProperty;
        MaxRequestBytes = maxRequestBytes;
        PropertiesAcceptAnyObject = propertiesAcceptAnyObject && propertiesProperty is not null;
        IdentityRequired = identityRequired && identityProperties.Count > 0;
    }

    /// <summary>The contract's name.</summary>
    public string Name { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The path relative to a server URL.</summary>
    public string Path { get; }

    /// <summary>Documented server URL templates (with their <c>{variables}</c>).</summary>
    public IReadOnlyList<string> Servers { get; }

    /// <summary>Credentials the call needs (all of them).</summary>
    public IReadOnlyList<VendorAuth> Auth { get; }

    /// <summary>The request field that carries the event name.</summary>
    public string? EventNameProperty { get; }

    /// <summary>The request field that carries the event's properties.</summary>
    public string? PropertiesProperty { get; }

    /// <summary>The request field that carries the idempotency key, or null when the vendor has none.</summary>
    public string? MessageIdProperty { get; }

    /// <summary>Request fields that identify the user, in order of preference.</summary>
    public IReadOnlyList<string> IdentityProperties { get; }

    /// <summary>Fields with a single allowed value, as name and JSON text.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ConstantFields { get; }

    /// <summary>What the vendor does with a repeated idempotency key.</summary>
    public DuplicateHandling Duplicates { get; }

    /// <summary>The generated validator of the request body.</summary>
    public Utf8JsonValidator ValidateRequest { get; }

    /// <summary>Defaults of the server URL variables, used when no base address is configured.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> ServerVariables { get; }

    /// <summary>Headers senders send by default, such as Customer.io's <c>X-Strict-Mode: 1</c>.</summary>
    public IReadOnlyList<KeyValuePair<string, string>> DefaultHeaders { get; }

    /// <summary>For a batch call, the array property that holds the individual calls; null for single calls.</summary>
    public string? BatchItemsProperty { get; }

    /// <summary>The largest request body the vendor accepts, in bytes, when the contract states one.</summary>
    public int? MaxRequestBytes { get; }

    /// <summary>
    /// Whether the contract accepts any JSON object as the event's properties and none of its other rules looks into
    /// them (decided by the generator from the request schema; Courier, Userpilot and Tranthor). A request that
    /// <see cref="WriteRequest"/> wrote is then valid exactly when the same envelope with empty properties is, which is
    /// what <see cref="ValidateWrittenRequest"/> checks instead of reading the properties.
    /// </summary>
    public bool PropertiesAcceptAnyObject { get; }

    /// <summary>
    /// Whether every request needs a user identifier, one of <see cref="IdentityProperties"/> (Userpilot's <c>user_id</c>;
    /// Customer.io's <c>userId</c> or <c>anonymousId</c>), so that an empty one identifies no one; Courier's optional
    /// <c>userId</c> does not.
    /// </summary>
    public bool IdentityRequired { get; }

    /// <summary>
    /// Writes this vendor's request body for an event: constant fields, the event name, the
    /// idempotency key, the user identifier and the event's properties.
    /// </summary>
    /// <param name="writer">The writer.</param>
    /// <param name="trackedEvent">The event.</param>
    /// <param name="userId">The user, written to the first identity field; null writes none.</param>
    /// <param name="messageId">The idempotency key, written when the vendor has one.</param>
    public void WriteRequest(Utf8JsonWriter writer, ITrackedEvent trackedEvent, string? userId, string messageId)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (trackedEvent is null)
        {
            throw new ArgumentNullException(nameof(trackedEvent));
        }

        WriteEnvelope(writer, trackedEvent.EventName, userId, messageId);
        if (PropertiesProperty is not null)
        {
            writer.WritePropertyName(PropertiesProperty);
            trackedEvent.WriteProperties(writer);
        }

        writer.WriteEndObject();
    }

    /// <summary>
    /// Validates a request body that <see cref="WriteRequest"/> wrote for the same arguments, with the result
    /// <see cref="ValidateRequest"/> gives. When <see cref="PropertiesAcceptAnyObject"/> and the body is that envelope
    /// followed by a JSON object, only the envelope is validated (written again with <c>{}</c> as the properties, about
    /// a tenth of a typical body); any other body is validated whole.
    /// </summary>
    /// <param name="body">The body, as <see cref="WriteRequest"/> wrote it (compact, default encoder).</param>
    /// <param name="trackedEvent">The event it was written for.</param>
    /// <param name="userId">The user it was written for.</param>
    /// <param name="messageId">The idempotency key it was written with.</param>
    /// <returns>The contract's verdict on the body.</returns>
    public ValidationResult ValidateWrittenRequest(ReadOnlySpan<byte> body, ITrackedEvent trackedEvent, string? userId, string messageId)
    {
        if (trackedEvent is null)
        {
            throw new ArgumentNullException(nameof(trackedEvent));
        }

        if (!PropertiesAcceptAnyObject)
        {
            return ValidateRequest(body);
        }

        // A stream, not an ArrayBufferWriter: netstandard2.0 has none.
        MemoryStream buffer = t_envelope ??= new MemoryStream(256);
        Utf8JsonWriter writer = t_envelopeWriter ??= new Utf8JsonWriter(buffer);
        buffer.SetLength(0);
        writer.Reset(buffer);
        WriteEnvelope(writer, trackedEvent.EventName, userId, messageId);
        writer.WritePropertyName(PropertiesProperty!);
        writer.WriteStartObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.Flush();

        // {envelope,"properties":{}} : the body must be the same bytes up to the properties, then an object, then '}'.
        ReadOnlySpan<byte> envelope = buffer.GetBuffer().AsSpan(0, (int)buffer.Length);
        int propertiesAt = envelope.Length - 3;
        bool sameEnvelope = body.Length > propertiesAt + 2 && body.StartsWith(envelope.Slice(0, propertiesAt))
            && body[propertiesAt] == (byte)'{' && body[body.Length - 1] == (byte)'}';
        return ValidateRequest(sameEnvelope ? envelope : body);
    }

    /// <summary>Writes the start of the request object and every envelope field but the properties.</summary>
    private void WriteEnvelope(Utf8JsonWriter writer, string? eventName, string? userId, string messageId)
    {
        writer.WriteStartObject();
        // Indexed: a foreach over the interface would allocate an enumerator per request.
        for (int i = 0; i < ConstantFields.Count; i++)
        {
            writer.WritePropertyName(ConstantFields[i].Key);
            writer.WriteRawValue(ConstantFields[i].Value, skipInputValidation: true);
        }

        if (EventNameProperty is not null)
        {
            writer.WriteString(EventNameProperty, eventName);
        }

        if (MessageIdProperty is not null)
        {
            writer.WriteString(MessageIdProperty, messageId);
        }

        if (userId is not null && IdentityProperties.Count > 0)
        {
            writer.WriteString(IdentityProperties[0], userId);
        }
    }

    /// <inheritdoc/>
    public override string ToString() => Name + " " + Method + " " + Path;

    // A copy no caller can change afterwards (a profile is shared by every sender of its vendor), and no cast can either.
    private static IReadOnlyList<T> ReadOnly<T>(IReadOnlyList<T> items, string parameter)
    {
        if (items is null)
        {
            throw new ArgumentNullException(parameter);
        }

        var copy = new T[items.Count];
        for (int i = 0; i < copy.Length; i++)
        {
            copy[i] = items[i];
        }

        return Array.AsReadOnly(copy);
    }
}
