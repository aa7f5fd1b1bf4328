using System;
using System.Buffers;
using System.Diagnostics;
using System.Net;
using System.Net.Http;
using System.Net.Http.Headers;
using System.Text.Json;
using System.Threading;
using System.Threading.Tasks;
using BenchmarkDotNet.Attributes;
using EventContracts.Benchmarks.Contracts;
using EventContracts.Http;

namespace EventContracts.Benchmarks.Senders;

/// <summary>
/// The client's own cost of one send, without a network: every contender posts through an <see cref="HttpClient"/> over
/// an in-memory handler that reads the request body and answers as Courier does (202 with a <c>requestId</c>), so what
/// is left is what each contender does around the HTTP call. The same <c>Cart Viewed</c> event as <c>--senders</c>:
/// (a) the typed <c>SendAsync</c> (envelope, contract and plan validation, resilience pipeline, result mapping, telemetry),
/// (b) the raw <c>PostAsync</c> of bytes written before the benchmark (the baseline), (c) the typed send without
/// validation and (d) <c>SendJsonAsync</c> of the pre-written bytes. On loopback these costs add to a round trip of
/// 80-120 µs on this machine (<c>--senders</c>).
/// </summary>
[MemoryDiagnoser]
public class SenderOverheadBenchmarks
{
    private const string Key = "key-courier-bench-0123456789";
    private const string UserId = "user-42";
    private static readonly MediaTypeHeaderValue Json = new("application/json");

    private CartViewed _cart = null!;
    private HttpClient _raw = null!;
    private HttpClient _senderClient = null!;
    private EventSender _validating = null!;
    private EventSender _unvalidated = null!;
    private Uri _endpoint = null!;
    private byte[] _body = null!;
    private string _messageId = null!;

    [GlobalSetup]
    public void Setup()
    {
        _cart = (CartViewed)Payload.Get("PlanCart").Record;
        var baseAddress = new Uri("http://127.0.0.1:9/");
        _senderClient = new HttpClient(new CourierStub());
        _validating = EventSender.Create(CourierContract.Profile, new VendorSenderOptions { BaseAddress = baseAddress, ApiKey = Key }, _senderClient);
        _unvalidated = EventSender.Create(CourierContract.Profile, new VendorSenderOptions { BaseAddress = baseAddress, ApiKey = Key, ValidateBeforeSend = false }, _senderClient);
        _endpoint = _validating.Endpoint;
        _raw = new HttpClient(new CourierStub());
        _raw.DefaultRequestHeaders.TryAddWithoutValidation("Authorization", "Bearer " + Key);

        // Courier's stub keeps no ids, so one pre-written body (and its messageId) serves every call.
        _messageId = UuidV7.NewString();
        var buffer = new ArrayBufferWriter<byte>(2048);
        using (var writer = new Utf8JsonWriter(buffer))
        {
            CourierContract.Profile.WriteRequest(writer, _cart, UserId, _messageId);
        }

        _body = buffer.WrittenSpan.ToArray();
        foreach (Func<Task<bool>> send in new Func<Task<bool>>[] { Typed, Raw, TypedUnvalidated, SendJson })
        {
            WarmUp(send);
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _raw.Dispose();
        _senderClient.Dispose();
    }

    [Benchmark(Description = "(a) typed SendAsync")]
    public async Task<bool> Typed() => (await _validating.SendAsync(_cart, UserId).ConfigureAwait(false)).Outcome == SendOutcome.Accepted;

    [Benchmark(Baseline = true, Description = "(b) raw PostAsync of bytes")]
    public async Task<bool> Raw()
    {
        using var content = new ByteArrayContent(_body);
        content.Headers.ContentType = Json;
        using HttpResponseMessage response = await _raw.PostAsync(_endpoint, content).ConfigureAwait(false);
        byte[] answer = await response.Content.ReadAsByteArrayAsync().ConfigureAwait(false);
        return response.IsSuccessStatusCode && answer.Length > 0;
    }

    [Benchmark(Description = "(c) typed, no validation")]
    public async Task<bool> TypedUnvalidated() => (await _unvalidated.SendAsync(_cart, UserId).ConfigureAwait(false)).Outcome == SendOutcome.Accepted;

    [Benchmark(Description = "(d) SendJsonAsync of bytes")]
    public async Task<bool> SendJson() => (await _unvalidated.SendJsonAsync(_body, _messageId).ConfigureAwait(false)).Outcome == SendOutcome.Accepted;

    /// <summary>
    /// Sends for three seconds, checking every answer. The typed send path spans hundreds of methods, and tiered
    /// compilation took about three seconds of sending to promote them (38, 13, then 6.2 µs per send in the first three
    /// seconds of a scratch loop): the short job's warm-up alone measured partly unoptimized code, 11-15 µs with large errors.
    /// </summary>
    private static void WarmUp(Func<Task<bool>> send)
    {
        long start = Stopwatch.GetTimestamp();
        while (Stopwatch.GetElapsedTime(start).TotalSeconds < 3)
        {
            if (!send().GetAwaiter().GetResult())
            {
                throw new InvalidOperationException("A contender's send was not accepted: " + send.Method.Name);
            }
        }
    }

    /// <summary>Reads the whole request body, as a server would, and answers 202 with a Courier request id.</summary>
    private sealed class CourierStub : HttpMessageHandler
    {
        private static readonly byte[] Accepted = "{\"requestId\":\"1-65f0c1de-0123456789abcdef01234567\"}"u8.ToArray();

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            byte[] body = await request.Content!.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var content = new ByteArrayContent(Accepted);
            content.Headers.ContentType = Json;
            return new HttpResponseMessage(body.Length > 0 ? HttpStatusCode.Accepted : HttpStatusCode.BadRequest) { Content = content, RequestMessage = request };
        }
    }
}
