using System.Collections.Concurrent;
using System.Diagnostics;
using System.Diagnostics.Metrics;
using Microsoft.Extensions.Logging;

namespace EventContracts.Http.Tests.Support;

/// <summary>
/// Captures, as text, everything the code under test reports: every log record at Trace level (message, each
/// structured field, scopes, exceptions), every activity of every source (names, tags, events, status), and
/// every metric measurement of every meter (instrument and tags).
/// </summary>
public sealed class TelemetryCapture : IDisposable
{
    private readonly ActivityListener _activities;
    private readonly MeterListener _meters;

    public TelemetryCapture()
    {
        Provider = new CaptureProvider(this);
        LoggerFactory = Microsoft.Extensions.Logging.LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(Provider));
        _activities = new ActivityListener
        {
            ShouldListenTo = _ => true,
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = Record,
        };
        ActivitySource.AddActivityListener(_activities);
        _meters = new MeterListener
        {
            InstrumentPublished = (instrument, listener) => listener.EnableMeasurementEvents(instrument),
        };
        _meters.SetMeasurementEventCallback<long>((i, v, tags, _) => RecordMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<int>((i, v, tags, _) => RecordMeasurement(i, v, tags));
        _meters.SetMeasurementEventCallback<double>((i, v, tags, _) => RecordMeasurement(i, v, tags));
        _meters.Start();
    }

    public ILoggerFactory LoggerFactory { get; }

    /// <summary>The capturing provider, to add to a service collection's logging.</summary>
    public ILoggerProvider Provider { get; }

    public ConcurrentQueue<string> Logs { get; } = new();

    public ConcurrentQueue<string> Activities { get; } = new();

    public ConcurrentQueue<string> Metrics { get; } = new();

    public ConcurrentQueue<Activity> StoppedActivities { get; } = new();

    public IEnumerable<string> All => Logs.Concat(Activities).Concat(Metrics);

    public void RecordText(string text) => Logs.Enqueue(text);

    public void Dispose()
    {
        _activities.Dispose();
        _meters.Dispose();
        LoggerFactory.Dispose();
    }

    private void Record(Activity activity)
    {
        StoppedActivities.Enqueue(activity);
        var text = new System.Text.StringBuilder();
        text.Append(activity.Source.Name).Append(' ').Append(activity.OperationName).Append(' ').Append(activity.DisplayName)
            .Append(' ').Append(activity.StatusDescription);
        foreach (var tag in activity.TagObjects)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        foreach (ActivityEvent e in activity.Events)
        {
            text.Append(' ').Append(e.Name);
            foreach (var tag in e.Tags)
            {
                text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
            }
        }

        foreach (var baggage in activity.Baggage)
        {
            text.Append(' ').Append(baggage.Key).Append('=').Append(baggage.Value);
        }

        Activities.Enqueue(text.ToString());
    }

    private void RecordMeasurement<T>(Instrument instrument, T value, ReadOnlySpan<KeyValuePair<string, object?>> tags)
    {
        var text = new System.Text.StringBuilder();
        text.Append(instrument.Meter.Name).Append(' ').Append(instrument.Name).Append(' ').Append(value);
        foreach (var tag in tags)
        {
            text.Append(' ').Append(tag.Key).Append('=').Append(tag.Value);
        }

        Metrics.Enqueue(text.ToString());
    }

    private sealed class CaptureProvider : ILoggerProvider, ISupportExternalScope
    {
        private readonly TelemetryCapture _owner;
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public CaptureProvider(TelemetryCapture owner) => _owner = owner;

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger : ILogger
        {
            private readonly CaptureProvider _provider;
            private readonly string _category;

            public Logger(CaptureProvider provider, string category)
            {
                _provider = provider;
                _category = category;
            }

            public IDisposable? BeginScope<TState>(TState state)
                where TState : notnull
                => _provider._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                var text = new System.Text.StringBuilder();
                text.Append(logLevel).Append(' ').Append(_category).Append(": ").Append(formatter(state, exception));
                if (state is IEnumerable<KeyValuePair<string, object?>> fields)
                {
                    foreach (var field in fields)
                    {
                        text.Append(" | ").Append(field.Key).Append('=').Append(field.Value);
                    }
                }

                _provider._scopes.ForEachScope((scope, sb) => sb.Append(" scope=").Append(scope), text);
                if (exception is not null)
                {
                    text.Append(" exception=").Append(exception);
                }

                _provider._owner.Logs.Enqueue(text.ToString());
            }
        }
    }
}
