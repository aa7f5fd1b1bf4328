using System;
using System.Buffers;
using System.Buffers.Text;
using System.Runtime.CompilerServices;
using System.Text.Json;
using EventContracts.Validation;

namespace EventContracts.Serialization;

/// <summary>
/// A forward-only writer of compact UTF-8 JSON that the generated serializers write through: property names and
/// enum wire values arrive as precomputed JSON text, so a property costs one copy instead of a checked
/// <see cref="Utf8JsonWriter"/> call. The output is byte for byte what a default <see cref="Utf8JsonWriter"/> writes
/// for the same values (same escaping, same number spelling): text that needs escaping is escaped by one.
/// </summary>
/// <remarks>
/// The writer does not check that its calls make a well-formed document; the generated code makes them in order.
/// Nesting deeper than <see cref="MaxDepth"/> throws, as it does in <see cref="Utf8JsonWriter"/>.
/// An instance is not thread-safe.
/// </remarks>
public sealed class EventJsonWriter
{
    /// <summary>The deepest nesting of objects and arrays, as in <see cref="JsonWriterOptions.MaxDepth"/>'s default.</summary>
    public const int MaxDepth = 1000;

    // Writers kept for the next call on the same thread are dropped when they grew past this.
    private const int MaxRetainedBytes = 1024 * 1024;

    [ThreadStatic]
    private static EventJsonWriter? t_cached;

    private byte[] _buffer;
    private int _position;
    private int _depth;

    // Whether the next value or name follows another one at the same level, and so needs a comma first.
    private bool _separate;

    // Writes text that needs escaping straight into this writer's buffer.
    private Utf8JsonWriter? _escaper;

    /// <summary>Creates a writer with its own growable buffer.</summary>
    /// <param name="initialCapacity">The buffer's first size in bytes.</param>
    public EventJsonWriter(int initialCapacity = 256)
    {
        if (initialCapacity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(initialCapacity), initialCapacity, "The capacity must be positive.");
        }

        _buffer = new byte[initialCapacity];
    }

    /// <summary>The JSON written since the writer was created or last reset.</summary>
    public ReadOnlySpan<byte> WrittenSpan => new(_buffer, 0, _position);

    /// <summary>The JSON written since the writer was created or last reset.</summary>
    public ReadOnlyMemory<byte> WrittenMemory => new(_buffer, 0, _position);

    /// <summary>The number of bytes written.</summary>
    public int WrittenCount => _position;

    /// <summary>Forgets what was written, keeping the buffer.</summary>
    public void Reset()
    {
        _position = 0;
        _depth = 0;
        _separate = false;
    }

    /// <summary>Writes the start of an object.</summary>
    /// <exception cref="InvalidOperationException">The object would be nested deeper than <see cref="MaxDepth"/>.</exception>
    public void WriteStartObject() => WriteStart((byte)'{');

    /// <summary>Writes the end of an object.</summary>
    public void WriteEndObject() => WriteEnd((byte)'}');

    /// <summary>Writes the start of an array.</summary>
    /// <exception cref="InvalidOperationException">The array would be nested deeper than <see cref="MaxDepth"/>.</exception>
    public void WriteStartArray() => WriteStart((byte)'[');

    /// <summary>Writes the end of an array.</summary>
    public void WriteEndArray() => WriteEnd((byte)']');

    /// <summary>
    /// Writes a property name given as JSON text: quoted, escaped as <see cref="JsonEncodedText"/> escapes it, and
    /// followed by its colon (for example <c>"\"userId\":"u8</c>). The generator precomputes these.
    /// </summary>
    /// <param name="encodedName">The name's JSON text, written as is.</param>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void WriteEncodedName(ReadOnlySpan<byte> encodedName)
    {
        AppendSeparated(encodedName);
        _separate = false;
    }

    /// <summary>Writes a value given as JSON text (for example an enum's quoted wire value), as is.</summary>
    /// <param name="encodedValue">The value's JSON text.</param>
    public void WriteEncodedValue(ReadOnlySpan<byte> encodedValue)
    {
        AppendSeparated(encodedValue);
        _separate = true;
    }

    /// <summary>Writes a property name, escaped as <see cref="Utf8JsonWriter"/> escapes it.</summary>
    /// <param name="name">The name.</param>
    public void WritePropertyName(string name)
    {
        if (name is null)
        {
            throw new ArgumentNullException(nameof(name));
        }

        WriteString(name, isName: true);
        _separate = false;
    }

    /// <summary>Writes a string, escaped as <see cref="Utf8JsonWriter"/> escapes it; <see langword="null"/> as <c>null</c>.</summary>
    /// <param name="value">The string.</param>
    public void WriteStringValue(string? value)
    {
        if (value is null)
        {
            WriteNullValue();
            return;
        }

        WriteString(value, isName: false);
        _separate = true;
    }

    /// <summary>Writes an integer.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumberValue(long value)
    {
        // 20 characters hold long.MinValue.
        Reserve(21);
        Separate();
        Utf8Formatter.TryFormat(value, _buffer.AsSpan(_position), out int written);
        _position += written;
        _separate = true;
    }

    /// <summary>Writes a decimal number as <see cref="Utf8JsonWriter"/> writes it.</summary>
    /// <param name="value">The value.</param>
    public void WriteNumberValue(decimal value)
    {
        // 31 characters hold any decimal in the default format (29 digits, a sign and a point).
        Reserve(32);
        Separate();
        _position += FormatDecimal(value, _buffer.AsSpan(_position));
        _separate = true;
    }

    /// <summary>Writes <c>true</c> or <c>false</c>.</summary>
    /// <param name="value">The value.</param>
    public void WriteBooleanValue(bool value) => WriteEncodedValue(value ? "true"u8 : "false"u8);

    /// <summary>Writes <c>null</c>.</summary>
    public void WriteNullValue() => WriteEncodedValue("null"u8);

    /// <summary>Writes an open JSON value as <see cref="JsonElement.WriteTo(Utf8JsonWriter)"/> writes it.</summary>
    /// <param name="value">The value.</param>
    /// <exception cref="UndefinedJsonValueException">The element is <see langword="default"/> (it holds no value).</exception>
    public void WriteJsonValue(JsonElement value)
    {
        // Asked first rather than caught (JsonElementText.TryGet): a try block here made writing PushEngage's 50 open
        // values about a third slower in the budgets runs, where this check costs about 2 ns a value.
        if (value.ValueKind == JsonValueKind.Undefined)
        {
            throw new UndefinedJsonValueException();
        }

#if NET9_0_OR_GREATER
        // Compact text of printable ASCII that the encoder leaves alone is already what re-writing it would give.
        ReadOnlySpan<byte> text = System.Runtime.InteropServices.JsonMarshal.GetRawUtf8Value(value);
        if (PayloadSize.TryMeasurePlain(text, out long size) && size == text.Length)
        {
            WriteEncodedValue(text);
            return;
        }
#endif
        Reserve(1);
        Separate();
        Utf8JsonWriter escaper = RentEscaper();
        value.WriteTo(escaper);
        escaper.Flush();
        _separate = true;
    }

    /// <summary>Copies the written JSON to <paramref name="destination"/>.</summary>
    /// <param name="destination">Where the bytes go.</param>
    public void CopyTo(IBufferWriter<byte> destination)
    {
        if (destination is null)
        {
            throw new ArgumentNullException(nameof(destination));
        }

        Span<byte> span = destination.GetSpan(_position);
        WrittenSpan.CopyTo(span);
        destination.Advance(_position);
    }

    /// <summary>Writes a value into a fresh array (through a writer reused on this thread).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value (a generated <c>WriteTo</c>).</param>
    /// <returns>The value's UTF-8 JSON.</returns>
    public static byte[] ToArray<T>(T value, Action<EventJsonWriter, T> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        EventJsonWriter output = Rent();
        try
        {
            write(output, value);
            return output.WrittenSpan.ToArray();
        }
        finally
        {
            Return(output);
        }
    }

    /// <summary>Writes a value (through a writer reused on this thread) and returns the number of UTF-8 bytes written.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value (a generated <c>WriteTo</c>).</param>
    /// <returns>The size of the value's JSON in bytes.</returns>
    public static long Measure<T>(T value, Action<EventJsonWriter, T> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        EventJsonWriter output = Rent();
        try
        {
            write(output, value);
            return output.WrittenCount;
        }
        finally
        {
            Return(output);
        }
    }

    /// <summary>
    /// Writes a value into a <see cref="Utf8JsonWriter"/> (a generated <c>WriteTo(Utf8JsonWriter)</c> and the
    /// generated <c>JsonConverter</c>s come here). With default options the written JSON goes in as one raw value;
    /// a writer that indents or has its own encoder gets the value re-written under its options.
    /// </summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="writer">The destination writer.</param>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value (a generated <c>WriteTo(EventJsonWriter)</c>).</param>
    public static void WriteTo<T>(Utf8JsonWriter writer, T value, Action<EventJsonWriter, T> write)
    {
        if (writer is null)
        {
            throw new ArgumentNullException(nameof(writer));
        }

        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        EventJsonWriter output = Rent();
        try
        {
            write(output, value);
            if (writer.Options.Indented || writer.Options.Encoder is not null)
            {
                // As deep as this writer writes (JsonDocument's default stops at 64).
                using var document = JsonDocument.Parse(output.WrittenMemory, new JsonDocumentOptions { MaxDepth = MaxDepth });
                document.WriteTo(writer);
            }
            else
            {
                writer.WriteRawValue(output.WrittenSpan, skipInputValidation: true);
            }
        }
        finally
        {
            Return(output);
        }
    }

    /// <summary>Takes this thread's cached writer, or a new one; give it back with <see cref="Return"/>.</summary>
    internal static EventJsonWriter Rent()
    {
        EventJsonWriter? output = t_cached;
        if (output is null)
        {
            return new EventJsonWriter();
        }

        // A nested rent on this thread (a converter inside a converter) gets a new writer, not this one.
        t_cached = null;
        output.Reset();
        return output;
    }

    internal static void Return(EventJsonWriter output)
    {
        if (output._buffer.Length <= MaxRetainedBytes)
        {
            t_cached = output;
        }
    }

    /// <summary>
    /// Whether the default encoder writes <paramref name="c"/> as itself: printable ASCII except the quote, the
    /// backslash and the HTML-sensitive characters.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsPlain(char c) => c < 0x80 && PlainAscii[c] != 0;

    private static ReadOnlySpan<byte> PlainAscii =>
    [
        0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
        1, 1, 0, 1, 1, 1, 0, 0, 1, 1, 1, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, // ' ' to '?': no " & ' + < >
        1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, // '@' to '_': no \
        0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, // '`' to DEL: no ` DEL
    ];

    /// <summary>
    /// Writes a decimal as <see cref="Utf8Formatter"/>'s default format does: every digit of its coefficient, a point
    /// <c>scale</c> digits from the right (trailing zeros kept), a minus sign unless the coefficient is zero. A
    /// coefficient that fits 64 bits (prices, amounts) is formatted as an integer and the point put in (about 18 ns a
    /// price where the decimal formatter takes about 28); a larger one is left to <see cref="Utf8Formatter"/>.
    /// </summary>
    /// <returns>The number of bytes written.</returns>
    private static int FormatDecimal(decimal value, Span<byte> destination)
    {
#if NET8_0_OR_GREATER
        Span<int> bits = stackalloc int[4];
        decimal.GetBits(value, bits);
        if (bits[2] == 0)
        {
            ulong coefficient = ((ulong)(uint)bits[1] << 32) | (uint)bits[0];
            int scale = (bits[3] >> 16) & 0xFF;
            int position = 0;
            if (bits[3] < 0 && coefficient != 0)
            {
                destination[position++] = (byte)'-';
            }

            // At least scale + 1 digits, zero-padded, so that a digit stands before the point: 0.05m (5, scale 2) is "005".
            Span<byte> digits = stackalloc byte[32];
            Utf8Formatter.TryFormat(coefficient, digits, out int length, new StandardFormat('D', (byte)(scale + 1)));
            int whole = length - scale;
            digits.Slice(0, whole).CopyTo(destination.Slice(position));
            position += whole;
            if (scale > 0)
            {
                destination[position++] = (byte)'.';
                digits.Slice(whole, scale).CopyTo(destination.Slice(position));
                position += scale;
            }

            return position;
        }
#endif
        Utf8Formatter.TryFormat(value, destination, out int fallback);
        return fallback;
    }

    /// <summary>Copies JSON text after a comma when one is due.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void AppendSeparated(ReadOnlySpan<byte> text)
    {
        Reserve(text.Length + 1);
        Separate();
        text.CopyTo(_buffer.AsSpan(_position));
        _position += text.Length;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Separate()
    {
        if (_separate)
        {
            _buffer[_position++] = (byte)',';
        }
    }

    private void WriteStart(byte token)
    {
        if (_depth >= MaxDepth)
        {
            throw new InvalidOperationException("The JSON would be nested deeper than " + MaxDepth.ToString(System.Globalization.CultureInfo.InvariantCulture) + " levels.");
        }

        Reserve(2);
        Separate();
        _buffer[_position++] = token;
        _depth++;
        _separate = false;
    }

    private void WriteEnd(byte token)
    {
        Reserve(1);
        _buffer[_position++] = token;
        _depth--;
        _separate = true;
    }

    /// <summary>Writes a quoted string (and a colon after a name); plain text is copied, the rest escaped.</summary>
    private void WriteString(string value, bool isName)
    {
        int length = value.Length;

        // Comma, quotes and colon around one byte per character.
        Reserve(length + 4);
        byte[] buffer = _buffer;
        int position = _position;
        if (_separate)
        {
            buffer[position++] = (byte)',';
        }

        buffer[position++] = (byte)'"';
        if (!TryCopyPlain(value, buffer.AsSpan(position, length)))
        {
            WriteEscaped(value, isName);
            return;
        }

        position += length;
        buffer[position++] = (byte)'"';
        if (isName)
        {
            buffer[position++] = (byte)':';
        }

        _position = position;
    }

    /// <summary>Narrows <paramref name="value"/> into <paramref name="destination"/> when every character is plain.</summary>
    private static bool TryCopyPlain(string value, Span<byte> destination)
    {
#if NET8_0_OR_GREATER
        // Vectorized search and narrowing pay off past a few dozen characters; short strings are a loop.
        if (value.Length > 32)
        {
            if (value.AsSpan().IndexOfAnyExcept(PlainChars) >= 0)
            {
                return false;
            }

            System.Text.Ascii.FromUtf16(value, destination, out _);
            return true;
        }
#endif
        for (int i = 0; i < value.Length; i++)
        {
            char c = value[i];
            if (!IsPlain(c))
            {
                return false;
            }

            destination[i] = (byte)c;
        }

        return true;
    }

    /// <summary>Text with characters to escape goes through a <see cref="Utf8JsonWriter"/>, so both escape alike.</summary>
    private void WriteEscaped(string value, bool isName)
    {
        Reserve(1);
        Separate();
        Utf8JsonWriter escaper = RentEscaper();
        escaper.WriteStringValue(value);
        escaper.Flush();
        if (isName)
        {
            Reserve(1);
            _buffer[_position++] = (byte)':';
        }
    }

    private Utf8JsonWriter RentEscaper()
    {
        if (_escaper is null)
        {
            _escaper = new Utf8JsonWriter(new Appender(this));
        }
        else
        {
            _escaper.Reset();
        }

        return _escaper;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private void Reserve(int count)
    {
        if (_buffer.Length - _position < count)
        {
            Grow(count);
        }
    }

    private void Grow(int count)
    {
        int needed = checked(_position + count);
        int size = Math.Max(needed, _buffer.Length <= int.MaxValue / 2 ? _buffer.Length * 2 : int.MaxValue);
        Array.Resize(ref _buffer, size);
    }

    /// <summary>Lets a <see cref="Utf8JsonWriter"/> append to the buffer at the current position.</summary>
    private sealed class Appender(EventJsonWriter owner) : IBufferWriter<byte>
    {
        public void Advance(int count) => owner._position += count;

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            owner.Reserve(Math.Max(sizeHint, 256));
            return owner._buffer.AsMemory(owner._position);
        }

        public Span<byte> GetSpan(int sizeHint = 0) => GetMemory(sizeHint).Span;
    }

#if NET8_0_OR_GREATER
    /// <summary>The characters <see cref="IsPlain"/> accepts.</summary>
    internal static readonly SearchValues<char> PlainChars = CreatePlain();

    private static SearchValues<char> CreatePlain()
    {
        var plain = new System.Text.StringBuilder();
        for (char c = ' '; c < (char)0x7F; c++)
        {
            if (IsPlain(c))
            {
                plain.Append(c);
            }
        }

        return SearchValues.Create(plain.ToString());
    }
#endif
}
