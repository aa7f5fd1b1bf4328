using System;
using System.Buffers;
using System.ComponentModel;
using System.Text.Json;

namespace EventContracts.Validation;

/// <summary>Measures how many UTF-8 bytes a value serializes to, without keeping the bytes.</summary>
/// <remarks>
/// The value is written through a <see cref="Utf8JsonWriter"/> into a per-thread buffer that is reused, so after
/// warm-up a measurement allocates nothing. The writer uses default <see cref="JsonWriterOptions"/> (compact output,
/// the default encoder) unless options are given.
/// </remarks>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PayloadSize
{
    [ThreadStatic]
    private static CountingBufferWriter? t_buffer;

    [ThreadStatic]
    private static Utf8JsonWriter? t_writer;

    /// <summary>Serializes a value with <paramref name="write"/> and returns the number of UTF-8 bytes written.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value (for example a generated serializer's <c>Write</c> method).</param>
    /// <returns>The size of the serialized value in bytes.</returns>
    public static long Measure<T>(T value, Action<Utf8JsonWriter, T> write)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        CountingBufferWriter buffer = t_buffer ?? new CountingBufferWriter();
        Utf8JsonWriter? writer = t_writer;
        t_buffer = null;
        t_writer = null;
        buffer.Reset();
        if (writer is null)
        {
            writer = new Utf8JsonWriter(buffer);
        }
        else
        {
            writer.Reset(buffer);
        }

        try
        {
            write(writer, value);
            writer.Flush();
            return buffer.Count;
        }
        finally
        {
            buffer.Trim();
            writer.Reset(buffer);
            t_buffer = buffer;
            t_writer = writer;
        }
    }

    /// <summary>Serializes a value with <paramref name="write"/> using the given writer options and returns the number of UTF-8 bytes written.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="write">Writes the value.</param>
    /// <param name="options">The writer options the real payload is written with (for example a relaxed encoder).</param>
    /// <returns>The size of the serialized value in bytes.</returns>
    public static long Measure<T>(T value, Action<Utf8JsonWriter, T> write, JsonWriterOptions options)
    {
        if (write is null)
        {
            throw new ArgumentNullException(nameof(write));
        }

        CountingBufferWriter buffer = t_buffer ?? new CountingBufferWriter();
        t_buffer = null;
        buffer.Reset();
        try
        {
            using var writer = new Utf8JsonWriter(buffer, options);
            write(writer, value);
            writer.Flush();
            return buffer.Count;
        }
        finally
        {
            buffer.Trim();
            t_buffer = buffer;
        }
    }

    /// <summary>An <see cref="IBufferWriter{T}"/> that only counts: every request gets the same reused buffer.</summary>
    private sealed class CountingBufferWriter : IBufferWriter<byte>
    {
        private const int KeptSize = 64 * 1024;
        private byte[] _buffer = new byte[4096];

        public long Count { get; private set; }

        public void Reset() => Count = 0;

        public void Trim()
        {
            if (_buffer.Length > KeptSize)
            {
                _buffer = new byte[KeptSize];
            }
        }

        public void Advance(int count)
        {
            if (count < 0 || count > _buffer.Length)
            {
                throw new ArgumentOutOfRangeException(nameof(count));
            }

            Count += count;
        }

        public Memory<byte> GetMemory(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer;
        }

        public Span<byte> GetSpan(int sizeHint = 0)
        {
            Ensure(sizeHint);
            return _buffer;
        }

        private void Ensure(int sizeHint)
        {
            if (sizeHint > _buffer.Length)
            {
                _buffer = new byte[Math.Max(sizeHint, _buffer.Length * 2)];
            }
        }
    }
}
