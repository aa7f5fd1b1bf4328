using System;
using System.Buffers.Binary;
using System.Security.Cryptography;

namespace EventContracts.Http;

/// <summary>
/// UUID version 7 (RFC 9562 §5.7): a 48-bit Unix timestamp in milliseconds, then random bits, so ids sort by
/// creation time. Within one process ids are strictly increasing: the 12-bit <c>rand_a</c> field is a counter
/// (RFC 9562 §6.2, method 1) seeded randomly each millisecond, and a counter overflow or a clock that goes back
/// moves the timestamp forward instead (a clock set back by more than ten seconds restarts the sequence at the
/// new time rather than borrowing that much). The other 62 bits (<c>rand_b</c>) come from a cryptographic random source.
/// </summary>
public static class UuidV7
{
    /// <summary>A clock that goes back further than this (or another clock) restarts the sequence rather than borrowing time.</summary>
    private const long ClockJumpMilliseconds = 10_000;

    /// <summary>Random bytes fetched at a time (32 ids' worth).</summary>
    private const int RandomBlockBytes = 512;

    private static readonly object s_gate = new object();
    private static long s_lastMilliseconds = -1;
    private static int s_counter;

    [ThreadStatic]
    private static byte[]? t_random;

    [ThreadStatic]
    private static int t_randomOffset;

    /// <summary>Creates a version 7 UUID from the system clock.</summary>
    /// <returns>The new id.</returns>
    public static Guid NewGuid() => NewGuid(TimeProvider.System);

    /// <summary>Creates a version 7 UUID from a clock.</summary>
    /// <param name="timeProvider">The clock that gives the timestamp.</param>
    /// <returns>The new id.</returns>
    public static Guid NewGuid(TimeProvider timeProvider)
    {
        if (timeProvider is null)
        {
            throw new ArgumentNullException(nameof(timeProvider));
        }

        Span<byte> bytes = stackalloc byte[16];
        TakeRandom(bytes);
        long now = timeProvider.GetUtcNow().ToUnixTimeMilliseconds();
        long milliseconds;
        int counter;
        lock (s_gate)
        {
            if (now > s_lastMilliseconds || s_lastMilliseconds - now > ClockJumpMilliseconds)
            {
                // A fresh millisecond: seed the counter randomly with its top bit clear, leaving room to count up.
                s_lastMilliseconds = now;
                s_counter = ((bytes[6] << 8) | bytes[7]) & 0x07FF;
            }
            else if (++s_counter > 0x0FFF)
            {
                // Same (or an earlier) millisecond and the counter is spent: borrow the next millisecond.
                s_lastMilliseconds++;
                s_counter = ((bytes[6] << 8) | bytes[7]) & 0x07FF;
            }

            milliseconds = s_lastMilliseconds;
            counter = s_counter;
        }

        if (milliseconds < 0 || milliseconds > 0xFFFF_FFFF_FFFFL)
        {
            throw new InvalidOperationException("The clock is outside the range a version 7 UUID can hold.");
        }

        // unix_ts_ms: 48 bits, big-endian.
        bytes[0] = (byte)(milliseconds >> 40);
        bytes[1] = (byte)(milliseconds >> 32);
        bytes[2] = (byte)(milliseconds >> 24);
        bytes[3] = (byte)(milliseconds >> 16);
        bytes[4] = (byte)(milliseconds >> 8);
        bytes[5] = (byte)milliseconds;

        // ver (0b0111) and rand_a (the 12-bit counter).
        bytes[6] = (byte)(0x70 | ((counter >> 8) & 0x0F));
        bytes[7] = (byte)counter;

        // var (0b10) and rand_b: 62 random bits.
        bytes[8] = (byte)(0x80 | (bytes[8] & 0x3F));
        return new Guid(bytes, bigEndian: true);
    }

    /// <summary>
    /// Fills <paramref name="destination"/> with cryptographically random bytes, taken from a per-thread block that is
    /// refilled from <see cref="RandomNumberGenerator"/>: one system call per 32 ids instead of one per id.
    /// </summary>
    private static void TakeRandom(Span<byte> destination)
    {
        byte[] block = t_random ??= new byte[RandomBlockBytes];
        if (t_randomOffset == 0 || t_randomOffset + destination.Length > block.Length)
        {
            RandomNumberGenerator.Fill(block);
            t_randomOffset = 0;
        }

        Span<byte> source = block.AsSpan(t_randomOffset, destination.Length);
        source.CopyTo(destination);

        // Used bytes are wiped, so nothing left in memory predicts or repeats an id.
        source.Clear();
        t_randomOffset += destination.Length;
        if (t_randomOffset == block.Length)
        {
            t_randomOffset = 0;
        }
    }

    /// <summary>Creates a version 7 UUID from the system clock, as lowercase hyphenated text (<c>0190a6e2-...</c>).</summary>
    /// <returns>The new id as text.</returns>
    public static string NewString() => NewGuid().ToString("D");

    /// <summary>Whether a UUID has version 7 and the RFC 9562 variant.</summary>
    /// <param name="uuid">The UUID.</param>
    /// <returns><see langword="true"/> for a version 7 UUID.</returns>
    public static bool IsVersion7(Guid uuid)
    {
        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        return (bytes[6] >> 4) == 7 && (bytes[8] & 0xC0) == 0x80;
    }

    /// <summary>The creation time a version 7 UUID carries, to the millisecond.</summary>
    /// <param name="uuid">A version 7 UUID.</param>
    /// <returns>The timestamp.</returns>
    /// <exception cref="ArgumentException">The UUID is not version 7.</exception>
    public static DateTimeOffset GetTimestamp(Guid uuid)
    {
        if (!IsVersion7(uuid))
        {
            throw new ArgumentException("The UUID is not version 7.", nameof(uuid));
        }

        Span<byte> bytes = stackalloc byte[16];
        uuid.TryWriteBytes(bytes, bigEndian: true, out _);
        long milliseconds = (long)(BinaryPrimitives.ReadUInt64BigEndian(bytes) >> 16);
        return DateTimeOffset.FromUnixTimeMilliseconds(milliseconds);
    }
}
